"""What each part of the IMRs adds to the case core through its registration points
(guards, task rows, audit sources, demo builders) and to the IMR's page, one module per
part, called from IMRConfig.ready()."""
