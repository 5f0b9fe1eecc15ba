"""Feature extraction on a few Arabic tokens: normalization, clitics, triggers, gazetteer and clusters."""

from marsad.ner.features import FeatureConfig, FeatureExtractor, fold, shape, strip_clitics


def test_fold():
    assert fold("أَحْمَد") == "احمد"
    assert fold("إلى") == "الي"
    assert fold("مدرسة") == "مدرسه"
    assert fold("مؤتمر") == "موتمر"
    assert fold("الــقدس") == "القدس"
    assert fold("٢٠١٥") == "2015"


def test_strip_clitics():
    assert strip_clitics("والرياض") == ("وال", "رياض")
    assert strip_clitics("للامم") == ("لل", "امم")
    assert strip_clitics("بمصر") == ("ب", "مصر")
    assert strip_clitics("في") == ("", "في")
    assert strip_clitics("ال") == ("", "ال")


def test_shape():
    assert shape("محمد") == "A"
    assert shape("2015") == "0"
    assert shape("BBC") == "X"
    assert shape("F-16") == "X-0"


def test_word_features_exact():
    ext = FeatureExtractor(
        clusters={"رياض": ("3", "17", "250", "1999")},
        gazetteer={"رياض": ("BIGCITY",)},
        lexicon={"رياض": ("LOC",)},
    )
    f0, left, right, left2, right2, *_ = ext.word_features("والرياض")
    for feat in ("w=والرياض", "n=والرياض", "s=رياض", "pre=وال", "p3=وال", "x3=ياض", "sx2=اض",
                 "c0=3", "c1=17", "c2=250", "c3=1999", "g=BIGCITY", "l=LOC", "shp=A"):
        assert feat in f0
    assert "-1s=رياض" in left and "+1c1=17" in right and "-1g=BIGCITY" in left
    assert "-2s=رياض" in left2 and "+2c1=17" in right2
    assert ext.word_features("والرياض") is ext.word_features("والرياض")  # cached


def test_triggers_and_window():
    ext = FeatureExtractor(config=FeatureConfig(clusters=False))
    feats = ext.sentence_features(["قال", "رئيس", "الوزراء", "سليم", "الحداد", "في", "وزارة", "الصحة"])
    assert "t=TITLE" in ext.word_features("رئيس")[0]
    assert "t=ORGHEAD" in ext.word_features("وزارة")[0]
    assert "t=SAY" in ext.word_features("قال")[0]
    assert "t=PREP" in ext.word_features("في")[0]
    assert "-2t=TITLE" in feats[3] and "-1n=الوزراء" in feats[3]
    assert "b+=سليم|حداد" in feats[3]
    assert "BOS" in feats[0] and "EOS" in feats[-1]
    assert "-1t=ORGHEAD" in feats[7]


def test_known_filter_drops_unknown_attributes():
    ext = FeatureExtractor(config=FeatureConfig(clusters=False), known=frozenset({"w=مصر", "-1s=مصر"}))
    f0, left, right, *_ = ext.word_features("مصر")
    assert f0 == ["w=مصر"] and left == ["-1s=مصر"] and right == []
