"""Taiwan questions: the 2014-2015 disability home-care plan, the LTC ten-year plan, LTC 2.0,
agency home-care terms and county personal-assistant programs."""
