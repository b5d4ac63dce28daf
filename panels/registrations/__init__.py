"""What each part of the set-up adds to the case core through its registration points
(guards, task rows, audit sources, demo builders), one module per part, called from
PanelsConfig.ready()."""
