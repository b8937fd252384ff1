extensions = ["sphinx_glossterm"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2
