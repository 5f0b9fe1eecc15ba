"""Entity recognition and linking: knowledge-base matching, Arabic rules, the CRF, ids and roles."""
