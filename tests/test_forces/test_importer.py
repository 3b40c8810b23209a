import gzip
import zipfile

import pytest
from django.core.management import CommandError, call_command

from forces.importers import ImportFileError, import_postcodes
from forces.lookup import locate
from forces.models import ImportedPostcode

pytestmark = pytest.mark.django_db

# The ONS Postcode Directory layout, cut down: the real file has ~60 columns and 2.7 M rows.
HEADER = "pcd,pcd2,pcds,dointr,doterm,oslaua,pfa,lat,long\n"
ROWS = [
    "SW1A2AA,SW1A 2AA,SW1A 2AA,198001,,E09000033,E23000001,51.503,-0.127",
    "RG219ZZ,RG21 9ZZ,RG21 9ZZ,202601,,E07000084,E23000030,51.26,-1.08",  # newer than our list
    "SW1A2AB,SW1A 2AB,SW1A 2AB,198001,,E09000033,E23000032,51.503,-0.127",  # rows win: Kent
    "BT1 1AA,BT1 1AA,BT1 1AA,198001,,N09000003,N23000001,54.6,-5.93",
    "JE2 3AA,JE2 3AA,JE2 3AA,198001,,L99999999,L99999999,49.18,-2.1",  # pseudo code: by area
    "ZZ999ZZ,ZZ99 9ZZ,ZZ99 9ZZ,198001,,,E23000001,,",  # not a valid postcode
    "CF101EP,CF10 1EP,CF10 1EP,198001,,W06000015,X99999999,51.48,-3.18",  # unknown area code
]


@pytest.fixture
def onspd(tmp_path):
    path = tmp_path / "ONSPD_SAMPLE.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n")
    return path


def test_import_loads_rows_that_win(onspd):
    summary = import_postcodes(onspd, batch_size=2)
    assert summary.rows == 7
    assert summary.imported == 5
    assert summary.invalid_postcodes == 1
    assert summary.no_force == 1
    assert summary.unknown_codes == {"X99999999": 1}
    forces = dict(ImportedPostcode.objects.values_list("postcode", "force__slug"))
    assert forces == {
        "SW1A 2AA": "metropolitan",
        "RG21 9ZZ": "hampshire",
        "SW1A 2AB": "kent",
        "BT1 1AA": "psni",
        "JE2 3AA": "jersey",
    }
    assert [f.slug for f in locate("RG21 9ZZ").forces] == ["hampshire"]
    assert [f.slug for f in locate("SW1A 2AB").forces] == ["kent"]


def test_import_is_idempotent_and_updates(onspd, tmp_path):
    import_postcodes(onspd)
    again = import_postcodes(onspd)
    assert again.imported == 0
    assert again.unchanged == 5
    assert ImportedPostcode.objects.count() == 5
    changed = tmp_path / "changed.csv"
    changed.write_text(HEADER + "SW1A2AA,SW1A 2AA,SW1A 2AA,198001,,E09000033,E23000034,,\n")
    summary = import_postcodes(changed)
    assert summary.imported == 1
    assert ImportedPostcode.objects.get(postcode="SW1A 2AA").force.slug == "city-of-london"


def test_gzip_and_zip_files(onspd, tmp_path):
    gz = tmp_path / "onspd.csv.gz"
    gz.write_bytes(gzip.compress(onspd.read_bytes()))
    assert import_postcodes(gz).imported == 5
    ImportedPostcode.objects.all().delete()
    archive = tmp_path / "ONSPD_FEB_2025.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Documents/readme.csv", "a,b\n1,2\n")
        zf.write(onspd, "Data/ONSPD_FEB_2025_UK.csv")
    assert import_postcodes(archive).imported == 5


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("postcode,force\nSW1A 2AA,met\n")
    with pytest.raises(ImportFileError):
        import_postcodes(path)
    with pytest.raises(CommandError, match="pcds"):
        call_command("import_postcodes", str(path), "--no-progress")


def test_command_prints_progress_and_a_summary(onspd, capsys):
    call_command("import_postcodes", str(onspd))
    out, err = capsys.readouterr()
    assert "100%" in err
    assert "Rows read: 7. Imported or changed: 5. Already up to date: 0." in out
    assert "Skipped, not a valid postcode: 1." in out
    assert "Skipped, no force for the area code: 1 (X99999999 (1))." in out
