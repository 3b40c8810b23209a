app_name = "forces"

urlpatterns = []
