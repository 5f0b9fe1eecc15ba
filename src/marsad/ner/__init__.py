"""Arabic named-entity recognition: a CRF sequence tagger (PERS/ORG/LOC/MISC, BIO tags).

Use :func:`marsad.ner.crf.tag` on a tokenized sentence (`tag_document` for a whole text); :mod:`marsad.ner.train` rebuilds the model.
"""

from marsad.ner.crf import load_tagger, spans, tag, tag_document

__all__ = ["load_tagger", "spans", "tag", "tag_document"]
