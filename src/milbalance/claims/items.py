"""How reporters name items ("shells", "155 mm rounds", "Shahed drones") → the metric items
of metrics.csv (``artillery_shells`` …), each reading with the caveat it carries. The
gazetteer keeps a phrase only if the data declare its item."""

from __future__ import annotations

AMMUNITION_CAVEAT = ("'ammunition' read as artillery ammunition (shells); other calibres and "
                     "small-arms rounds are not in the comparison")
ROUNDS_CAVEAT = "'rounds' read as artillery rounds"
INTERCEPTOR_CAVEAT = ("'interceptors' read as PAC-3 MSE, the interceptor type the data "
                      "measures; other types are not counted")
CALIBRE_LIST_CAVEAT = ("several calibres named together read as artillery shells of all "
                       "calibres; the data's all-calibre figures may include other calibres")
DRONE_CAVEAT = "'drones' read as long-range attack drones (Shahed/Geran type)"
EXPLOSIVE_CAVEAT = "'explosives' read as RDX capacity, the explosive the data measures"

_CALIBRE = r"\d{2,3}(?:\.\d)?[\s-]?(?:mm|millimet(?:er|re)s?)"
ITEM_PHRASES: tuple[tuple[str, str, str], ...] = (
    (rf"{_CALIBRE}(?:\s*(?:,|/|&|and|or)\s*{_CALIBRE})+(?:\s+(?:artillery|calibre|caliber))?"
     r"\s+(?:shells?|rounds?|ammunition|munitions|projectiles)", "artillery_shells",
     CALIBRE_LIST_CAVEAT),
    (r"(?:155[\s-]?mm|155[\s-]?millimet(?:er|re))(?:\s+(?:artillery|calibre|caliber))?"
     r"\s+(?:shells?|rounds?|ammunition|munitions|projectiles)", "artillery_shells_155mm", ""),
    (r"152[\s-]?(?:mm|millimet(?:er|re))(?:\s+(?:artillery|calibre|caliber))?"
     r"\s+(?:shells?|rounds?|ammunition|munitions|projectiles)", "artillery_shells_152mm", ""),
    (r"(?:artillery|howitzer|large[\s-]calib(?:re|er)|122[\s-]?mm|152[\s-]?mm)\s+"
     r"(?:shells?|rounds?|ammunition|munitions|projectiles)|shells? for (?:barrel )?artillery|"
     r"(?:shells?|rounds?|munitions) of artillery", "artillery_shells", ""),
    (r"(?:artillery\s+)?shells?|projectiles", "artillery_shells", ""),
    (r"rounds?(?!\s+of\s+(?:talks|negotiations|sanctions))", "artillery_shells", ROUNDS_CAVEAT),
    (r"(?:core\s+)?(?:ammunition|munitions|ammo)", "artillery_shells", AMMUNITION_CAVEAT),
    (r"(?:PAC-3(?:\s+MSE)?|Patriot)(?:\s+(?:interceptors?|missiles?))?", "interceptors_pac3", ""),
    (r"IRIS-T(?:\s+SLM)?(?:\s+(?:interceptors?|missiles?))?", "interceptors_iris_t", ""),
    (r"(?:air[\s-]defen[cs]e\s+)?interceptors?|air[\s-]defen[cs]e missiles", "interceptors_pac3",
     INTERCEPTOR_CAVEAT),
    (r"Mistral(?:\s+missiles?)?", "missiles_mistral", ""),
    (r"FPV(?:\s+(?:strike\s+)?drones?)?", "fpv_drones", ""),
    (r"(?:Shahed|Geran)(?:-\d)?s?(?:[\s-]type)?(?:\s+(?:attack\s+)?drones?)?|"
     r"(?:long-range\s+)?(?:attack|kamikaze|strike)\s+drones?|long-range drones?",
     "attack_drones", ""),
    (r"drones?|UAVs?", "attack_drones", DRONE_CAVEAT),
    (r"(?:gun\s+)?propellant|gunpowder", "propellant", ""),
    (r"RDX|explosives?", "explosive_rdx", EXPLOSIVE_CAVEAT),
)
"""(pattern, metric item, caveat): how reporters name items, kept only if the item exists."""

FILLER = (r"(?:\s+(?:new|more|additional|extra|of|the|heavy|standard|its|finished|"
           r"complete|units of|pieces of|types? of|(?:metric\s+)?(?:tonnes|tons|t) of|"
           r"[A-Za-z]+-[A-Za-z]+|[\w-]+\s+and))*\s+")
"""Words between a number and its item: 'new', 'high-explosive', 'tank and' (artillery
shells), '11,000 tonnes of' (propellant)."""
