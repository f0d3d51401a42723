# replaces: daemons-predict
# expect: full
# Correct, written as one dict literal (the order does not matter).
predictions = dict(g="exits", f="hangs", e="hangs", d="hangs", c="exits", b="exits", a="hangs")
