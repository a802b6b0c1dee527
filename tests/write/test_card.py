"""The dataset card's metadata as the Hugging Face Hub reads it: licence per part, configs."""

from __future__ import annotations

from huggingface_hub import DatasetCard

from tests.conftest import ROOT

HUB_LICENSE_FIELDS = {"license": "other", "license_name": "sahifa-mixed",
                      "license_link": "LICENSE.md"}


def test_the_card_declares_the_mixed_licence_the_hub_way(built_seeds):
    for folder in (ROOT, built_seeds):
        data = DatasetCard.load(folder / "README.md").data.to_dict()
        assert {k: data.get(k) for k in HUB_LICENSE_FIELDS} == HUB_LICENSE_FIELDS
        assert (ROOT / data["license_link"]).is_file()
        assert [c["config_name"] for c in data["configs"]] == ["default", "ner", "quotes"]
    licence = (ROOT / "LICENSE.md").read_text("utf-8")
    assert "CC BY-NC-SA 4.0" in licence and "CC-BY-NC-SA-4.0" in licence
    assert "LicenseRef-publisher-rights" in licence
