"""Fill in the English catalogue: `list` prints the Dutch strings that still need a translation (new or
changed since the last `make messages`); `FILE` writes one translation per line, in that order
(plural forms as "one|many")."""

import re
import sys

path = "alliantie/locale/en/LC_MESSAGES/django.po"
po = open(path, encoding="utf-8").read()
blocks = po.split("\n\n")
todo = []
for i, b in enumerate(blocks[1:], 1):
    text = "\n".join(line for line in b.splitlines() if not line.startswith("#"))
    m = re.search(r'msgid ((?:".*"\n?)+)', text)
    if not m:
        continue
    mid = "".join(re.findall(r'"(.*)"', m.group(1)))
    fuzzy = "#, fuzzy" in b
    if "msgid_plural" in text:
        empty = re.search(r'msgstr\[0\] ""\n', text + "\n") is not None and 'msgstr[0] ""\n"' not in text
    else:
        ms = re.search(r'msgstr ((?:".*"\n?)+)', text + "\n").group(1)
        empty = "".join(re.findall(r'"(.*)"', ms)) == ""
    if fuzzy or empty:
        todo.append((i, mid))
if sys.argv[1:] == ["list"]:
    for n, (_i, mid) in enumerate(todo):
        print(n, mid)
else:
    en = open(sys.argv[1], encoding="utf-8").read().splitlines()
    assert len(en) == len(todo), (len(en), len(todo))

    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    for (i, _mid), tr in zip(todo, en, strict=True):
        b = blocks[i]
        comments = [line for line in b.splitlines() if line.startswith(("#:", "#."))]
        text = "\n".join(line for line in b.splitlines() if not line.startswith("#"))
        mids = re.search(r'(msgid (?:".*"\n?)+)', text + "\n").group(1).rstrip("\n")
        context = re.search(r'^(msgctxt ".*")$', text, flags=re.MULTILINE)
        if context:  # the same Dutch words in another context are another message
            mids = context.group(1) + "\n" + mids
        if "msgid_plural" in text:
            mp = re.search(r'(msgid_plural (?:".*"\n?)+)', text + "\n").group(1).rstrip("\n")
            one, many = tr.split("|")
            blocks[i] = "\n".join(comments + [mids, mp, "msgstr[0] " + q(one), "msgstr[1] " + q(many)])
        else:
            blocks[i] = "\n".join(comments + [mids, "msgstr " + q(tr)])
    open(path, "w", encoding="utf-8").write("\n\n".join(blocks))
