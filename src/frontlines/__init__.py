"""frontlines: news articles about armed conflict in, trustworthy event data out.

    >>> import frontlines
    >>> fused = frontlines.extract("Rebels captured the town of X on Tuesday ...", published="2020-02-27")
    >>> result = frontlines.run(["articles/"], out="frontlines-out")
    >>> import pandas as pd; pd.DataFrame(result.table("events"))
"""

from frontlines.pipeline import Result, extract, run

__all__ = ["Result", "extract", "run"]
__version__ = "0.1.0"
