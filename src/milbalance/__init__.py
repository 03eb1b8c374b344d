"""milbalance: a sourced, uncertainty-aware model of the defense-industrial balance."""

__version__ = "0.1.0"
