"""The dashboard's parts: each module holds a layout function beside its own callbacks."""
