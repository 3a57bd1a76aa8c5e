"""frontlines: news articles about armed conflict in, trustworthy event data out.

    >>> import frontlines
    >>> fused = frontlines.extract("Rebels captured the town of X on Tuesday ...", published="2020-02-27")
    >>> result = frontlines.run(["articles/"], out="frontlines-out")
    >>> import pandas as pd; pd.DataFrame(result.table("events"))
"""

__all__ = ["Result", "extract", "run"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # the public API is imported on first use, so that `import frontlines.geo` (a worker that
    # only geoparses, the gazetteer command) does not pay for importing spaCy
    if name in __all__:
        from frontlines import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'frontlines' has no attribute {name!r}")
