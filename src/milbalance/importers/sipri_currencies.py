"""SIPRI's currency labels (the Currency column of its local-currency sheets) → ISO 4217."""

from __future__ import annotations

# SIPRI's currency names → ISO 4217 codes they may denote; the country's own currencies in
# data/countries.csv decide between them (e.g. roubles: RUB for Russia, BYN for Belarus).
CURRENCY_NAMES: dict[str, frozenset[str]] = {
    k: frozenset(v.split()) for k, v in {
        "euro": "EUR", "us dollars": "USD",
        "dollars": "CAD USD AUD NZD TWD SGD BZD JMD TTD GYD FJD NAD LRD BND",
        "yuan": "CNY", "won": "KPW KRW", "lek": "ALL", "leva": "BGN", "kunas": "HRK",
        "koruny": "CZK", "forint": "HUF", "denars": "MKD", "zlotys": "PLN", "new lei": "RON",
        "roubles": "RUB BYN", "hryvnias": "UAH", "kroner": "DKK NOK SEK", "krónur": "ISK",
        "pounds": "GBP EGP LBP SYP SSP SDG", "rial": "IRR", "rials": "OMR",
        "riyals": "QAR SAR YER", "liras": "TRY", "yen": "JPY",
        "francs": "CHF BIF CDF DJF GNF RWF", "cfa francs": "XOF XAF", "shekels": "ILS",
        "rupees": "INR PKR LKR NPR MUR SCR", "dinar": "DZD LYD TND RSD BHD IQD JOD KWD",
        "dirhams": "MAD AED", "pesos": "CUP DOP MXN ARS CLP COP UYU PHP",
        "shillings": "KES TZS UGX", "kwacha": "MWK ZMW", "kwanzas": "AOA", "pula": "BWP",
        "escudos": "CVE", "nakfa": "ERN", "birr": "ETB", "dalasis": "GMD", "cedis": "GHS",
        "maloti": "LSL", "ariary": "MGA", "ouguiyas": "MRU", "meticais": "MZN",
        "naira": "NGN", "leones": "SLE", "rand": "ZAR", "lilangeni": "SZL", "colones": "CRC",
        "quetzales": "GTQ", "gourdes": "HTG", "lempiras": "HNL", "córdobas": "NIO",
        "balboas": "PAB", "bolivianos": "BOB", "reais": "BRL", "guaranies": "PYG",
        "new soles": "PEN", "kina": "PGK", "afghani": "AFN", "takas": "BDT", "tugriks": "MNT",
        "riel": "KHR", "rupiah": "IDR", "kip": "LAK", "ringgit": "MYR", "kyats": "MMK",
        "baht": "THB", "dong": "VND", "tenge": "KZT", "som": "KGS UZS", "somoni": "TJS",
        "manat": "TMT", "manats": "AZN", "marka": "BAM", "drams": "AMD", "lari": "GEL",
        "lei": "MDL",
    }.items()
}

# Corrections to SIPRI's labels, kept as data with the evidence; each is checked on every
# import and reported once SIPRI's label no longer matches (the publisher fixed it).
CURRENCY_CORRECTIONS: dict[str, tuple[str, str, str]] = {
    "HRV": ("kunas", "EUR", "SIPRI's currency column says 'Kunas' but the whole series is in "
            "euro (converted at the fixed rate): figures/current US$ give 0.92 per US$ in 2024 "
            "and 1.09 in 2000, the euro's rates, as for Germany"),
}
