"""Action records.

The ActionEvent model (one durable row per call, letter, share, talk or donation
click) lands with the fan's journey; the campaign page shows a placeholder
counter until then.
"""
