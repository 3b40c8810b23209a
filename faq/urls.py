from django.urls import path, re_path

from . import views
from .feeds import LatestAnswersFeed, TopicAnswersFeed

app_name = "faq"

urlpatterns = [
    path("", views.home, name="home"),
    path("topics/", views.topic_index, name="topic_index"),
    path("a-z/", views.a_to_z, name="a_to_z"),
    path("topics/<path:path>/", views.topic_detail, name="topic_detail"),
    path("q/<int:number>/", views.answer_redirect, name="answer_redirect"),
    path("q/<int:number>/feedback/", views.answer_feedback, name="answer_feedback"),
    path("q/<int:number>/feedback/thanks/", views.feedback_thanks, name="feedback_thanks"),
    path("q/<int:number>/<slug:slug>/", views.answer_detail, name="answer_detail"),
    re_path(r"^[qQ](?P<number>[0-9]{1,7})/?$", views.answer_redirect, name="answer_short"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search_suggest"),
    path("feeds/latest/", LatestAnswersFeed(), name="feed_latest"),
    path("feeds/topics/<path:path>/", TopicAnswersFeed(), name="feed_topic"),
    path("preview/q/<int:number>/", views.answer_preview, name="answer_preview"),
]
