"""The programme's indicators on the map: the monitoring's numbers, per municipality."""

from __future__ import annotations

import numpy as np
import pandas as pd

from graph.embedded import EmbeddedStore
from services.maps import programme_measures, shaded_map
from services.monitoring import monitoring
from tests.maps.conftest import AS_OF


def test_programme_indicators_shade_with_the_monitoring_numbers(
    region_store: EmbeddedStore,
) -> None:
    codes = programme_measures(region_store, as_of=AS_OF)
    assert "programme.low_in_working_pair" in codes
    view = monitoring(region_store, AS_OF)
    ind = view.all_indicators
    for code in codes:
        shaded = shaded_map(region_store, code, as_of=AS_OF)
        name = code.split(".", 1)[1]
        rows = ind[
            (ind["indicator"] == name) & ind["municipality"].notna() & (ind["year"] == view.year)
        ]
        got = {r["municipality"]: r for r in shaded.table.to_dict("records")}
        assert len(rows) == len(got)
        for row in rows.to_dict("records"):
            mine = got[row["municipality"]]
            want, have = float(row["value"]) / 100, float(mine["value"])
            assert (np.isnan(want) and np.isnan(have)) or abs(want - have) < 1e-12, code
            if pd.notna(row["denominator"]):
                assert float(mine["denominator"]) == float(row["denominator"])
