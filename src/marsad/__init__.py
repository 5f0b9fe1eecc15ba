"""Marsad: Arabic news analysis."""
__version__ = "0.1.0"
