import json
import math
import textwrap
import warnings
from pathlib import Path

import pandas as pd
import matplotlib.pyplot as plt
from matplotlib import font_manager, ticker
from matplotlib.patches import Patch

# Chinese names need a CJK font: the first of these that is installed, else matplotlib's default.
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "SimHei",
             "PingFang SC", "Heiti SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"]
installed = {f.name for f in font_manager.fontManager.ttflist}
cjk_font = next((name for name in CJK_FONTS if name in installed), None)
if cjk_font:
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [cjk_font] + plt.rcParams["font.sans-serif"]
else:
    warnings.filterwarnings("ignore", message="Glyph .* missing from")
plt.rcParams["axes.unicode_minus"] = False

def plain(text):
    """Text for a chart's title, label or legend, shown as written: matplotlib reads $…$ as math."""
    return str(text).replace("$", r"\$")

pd.set_option("display.float_format", "{:,.1f}".format)
pd.set_option("display.html.use_mathjax", False)
pd.set_option("display.max_columns", None)
pd.set_option("display.width", 200)
print("Font for Chinese names:", cjk_font or "none found (they may show as boxes)")
