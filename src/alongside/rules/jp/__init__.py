"""Japan: Sapporo's Personal Assistance (PA) program and the national disability co-pay caps.

`sapporo_pa` holds the pure calculations (budget, carry-over, co-pay, proxy fee, relatives, deadlines),
`shift` splits and prices one assistant's shift, and `questions` registers the `jp.sapporo.pa.*`
questions, which parse the request, look the parameters up and call those functions.
"""
