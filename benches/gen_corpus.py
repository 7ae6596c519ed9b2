#!/usr/bin/env python3
"""Deterministic benchmark corpus for dossier (issue 8).

    benches/gen_corpus.py NOTES OUT_DIR [--seed 1] [--flavour dossier|hugo|mdbook|zola] [--jobs 2]

Writes a site root with NOTES notes and NOTES/50 sources:

* dossier flavour: `OUT_DIR/dossier.yaml`, `OUT_DIR/content/index.md`, notes in
  `OUT_DIR/content/<folder>/<slug>.md` and sources in `OUT_DIR/content/sources/<key>.md`.
  Front matter has title, summary, tags, aliases, related (notes) and
  title/type/date/author/pages/sections (sources). Every note has 600-900 words of
  Dutch-like text in `##` sections, tables, lists (a third have a fenced code block),
  3-6 links to existing notes (`[[Title]]`, `[[Title|label]]`, `[[Title#Kop]]` and
  `[t](../folder/slug.md)`) and 2-5 citations (`[@key, p. N]` / `[@key, § Kop]`) whose
  locators are valid for the cited source. The corpus builds with 0 errors and
  0 warnings (every note is linked from another note, every source is cited, and
  figures only occur in cited paragraphs or tables).
* hugo flavour: the same notes as a plain Hugo site (`config.toml`, minimal layouts,
  `content/`): front matter Hugo accepts, wikilinks turned into Markdown links to the
  Hugo URLs, citations into plain text with a link to the source page.
* mdbook flavour: the same notes as an mdBook book (`book.toml`, `src/SUMMARY.md` with a
  part per folder, notes and sources under `src/`): no front matter (mdBook has none; the
  title becomes the `#` heading and the summary the first paragraph), wikilinks turned
  into relative `.md` links, citations as for Hugo.
* zola flavour: the same notes as a Zola site (`config.toml`, minimal `templates/`,
  `content/` with an `_index.md` per folder): TOML front matter (title, description,
  `[taxonomies] tags`, the rest under `[extra]`), wikilinks and Markdown links turned
  into Zola internal links (`@/folder/slug.md`, `@/folder/slug.md#kop`), which Zola
  checks, citations as for Hugo with an internal link to the source page. Code blocks
  are highlighted, as Hugo does by default.

Everything comes from seeded `random.Random` instances (one per note), so the output is
byte-for-byte the same for the same NOTES, seed and flavour, also with --jobs > 1.
Python 3 standard library only.
"""

import argparse
import multiprocessing
import os
import random
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Vocabulary: Dutch policy prose, enough to make text that looks and tokenises like
# the bundled knowledge base (accents included).

NOUNS = """
aanbieder aanbod aanpak afspraak akkoord ambulantisering arbeidsmarkt basisfunctie
bedrijfsvoering behandelaar behandeling beleid beleidsregel bekostiging beroepsgroep
bestuurder bewoner budget burgemeester cliënt cliëntenraad contract contractering
continuïteit crisisdienst databank deskundige dienstverlening doelgroep domein
financiering gemeente gezondheid gegevensuitwisseling huisarts indicatie inspectie
instelling instroom jongere kennis kwaliteit landsdeel maatregel mantelzorger medewerker
minister monitor netwerk norm ondersteuning onderzoek organisatie overheid patiënt
personeel plafond plan preventie prestatie programma regeling regio richtlijn samenhang
samenwerking sector staatssecretaris stelsel subsidie toegang toegankelijkheid toezicht
transformatie uitstroom uitvoering verwijzer verzekeraar voorziening wachtlijst wachttijd
wet wetgeving wijkteam zorgaanbieder zorgplicht zorgvraag zorgverzekeraar zorgverlener
""".split()

ADJECTIVES = """
acute ambulante bestuurlijke brede complexe curatieve digitale doelmatige duurzame
extra financiële gezamenlijke hoge integrale klinische landelijke langdurige lokale
mentale nieuwe passende praktische regionale specialistische structurele tijdelijke
toekomstbestendige zorgvuldige laagdrempelige maatschappelijke openbare persoonlijke
""".split()

VERBS = """
beschrijft bespreekt bevordert biedt borgt brengt controleert draagt evalueert
financiert geeft helpt houdt informeert kiest legt levert maakt meet monitort noemt
onderzoekt ondersteunt organiseert overlegt regelt schat stelt stuurt toetst verbetert
verkent verwacht vraagt werkt zet zoekt
""".split()

FUNCTION = """
de de de het het een een en en en van van van in in op op voor voor met met door
naar bij om over uit aan als dat dat die die dit deze niet ook nog wel al zo meer
dan of maar omdat zodat waarbij terwijl volgens tegelijk vooral daarnaast bovendien
""".split()

PLACES = """
Amsterdam Rotterdam Utrecht Groningen Zwolle Arnhem Nijmegen Eindhoven Tilburg Breda
Maastricht Leeuwarden Assen Emmen Enschede Deventer Apeldoorn Amersfoort Almere Lelystad
Haarlem Leiden Delft Dordrecht Gouda Alkmaar Hoorn Den-Helder Middelburg Vlissingen
Roermond Venlo Heerlen Sittard Helmond Oss Zaanstad Hilversum Ede Zeist Hengelo Almelo
Harderwijk Doetinchem Tiel Gorinchem Schiedam Vlaardingen Zoetermeer Purmerend Den-Bosch
Drachten Sneek Heerenveen Meppel Hoogeveen Kampen Zutphen Winterswijk Terneuzen Goes
Bergen-op-Zoom Roosendaal Waalwijk Veenendaal Woerden Nieuwegein Houten Culemborg Wageningen
Barneveld Nunspeet Steenwijk Coevorden Hardenberg Oldenzaal Veendam Delfzijl Stadskanaal
Winschoten Dokkum Franeker Harlingen Katwijk Noordwijk Lisse Weert Uden Veghel Boxtel
Valkenswaard Geldrop Best Oosterhout Etten-Leur Kerkrade Brunssum Zaltbommel Tholen
"""
PLACES = [p.replace("-", " ") for p in PLACES.split()]

TITLE_NOUNS = """Wachttijden Bekostiging Contractering Zorgplafonds Omzetplafonds Crisisopvang
Wijkteams Toegankelijkheid Doorstroom Uitstroom Instroom Regiobeelden Transformatieplannen
Zorgbemiddeling Zorgvraagtypering Kwaliteitskaders Gegevensuitwisseling Beddenafbouw
Ambulantisering Arbeidsmarktbeleid Personeelstekorten Cliëntparticipatie Naastenbetrokkenheid
Herstelzorg Dagbesteding Woonbegeleiding Suïcidepreventie Verslavingszorg Jeugdhulp
Ouderenpsychiatrie Huisartsenzorg Praktijkondersteuning Verwijsafspraken Wachtlijstbeheer
Zorgpaden Netwerkzorg Consultatie Triage Indicatiestelling Samenwerkingsafspraken
Innovatiebudgetten Preventieakkoorden Monitoring Verantwoording Inkoopbeleid
Tariefregulering Capaciteitsplanning Spoedzorg Behandelcapaciteit Kennisnetwerken
Ervaringsdeskundigheid Zelfhulp E-health Leefstijlzorg Schuldhulp Wijkverpleging
Opnamestops Bedbezetting Cliëntroutes Dwangzorg Nazorg Overbruggingszorg""".split()

PREPOSITIONS = ["in", "bij", "rond", "voor", "tussen", "binnen"]

FOLDERS = """beleid bekostiging toegang kwaliteit arbeidsmarkt regio jeugd preventie crisis
wonen verslaving ouderen forensisch huisartsen data toezicht onderzoek netwerken
participatie wetgeving""".split()

HEADINGS = """Achtergrond|Aanleiding|Huidige situatie|Knelpunten|Afspraken|Financiering|
Rol van de gemeente|Rol van de verzekeraar|Rol van de aanbieder|Toezicht en handhaving|
Cijfers en trends|Regionale verschillen|Wat verandert er|Planning|Evaluatie|Open vragen|
Samenhang met ander beleid|Uitvoering|Ervaringen uit de praktijk|Gevolgen voor cliënten|
Gevolgen voor medewerkers|Kosten en baten|Alternatieven|Monitoring|Vervolgstappen|
Juridisch kader|Betrokken partijen|Kritiek en discussie|Internationale vergelijking|
Beleidsgeschiedenis|Doelen|Resultaten tot nu toe|Risico's|Randvoorwaarden|Begrippen""".replace(
    "\n", ""
).split("|")

SOURCE_SECTIONS = """Verbeteren van mentale gezondheid|Toegang tot de ggz|Wachttijden en wachtenden|
Passende zorg op de juiste plek|Samenwerking in de regio|Arbeidsmarkt en opleiding|
Bekostiging en contractering|Kwaliteit en uitkomsten|Acute psychiatrie en crisisdiensten|
Zorg voor mensen met een complexe zorgvraag|Preventie en vroegsignalering|
Gegevensuitwisseling en privacy|Administratieve lasten|Rol van de Nederlandse Zorgautoriteit|
Toezicht door de inspectie|Jeugd en jongvolwassenen|Ouderen en langdurige zorg|
Wonen en herstel|Verslavingszorg|Forensische zorg|Suïcidepreventie|Ervaringsdeskundigheid|
Digitale zorg en e-health|Huisartsen en praktijkondersteuning|Sociaal domein|
Financiële positie van aanbieders|Continuïteit van zorg|Moties en toezeggingen|
Onderzoek en kennisontwikkeling|Internationale ontwikkelingen|Planning en vervolg|
Reactie op het advies|Maatregelen op korte termijn|Maatregelen op lange termijn|
Governance en sturing|Monitoring en evaluatie|Tot slot""".replace("\n", "").split("|")

SOURCE_TYPES = ["kamerbrief", "rapport", "advies", "monitor", "beleidsnota", "evaluatie"]
FIRST_NAMES = "A. B. C. D. E. F. G. H. J. K. L. M. N. P. R. S. T. V. W.".split()
LAST_NAMES = """de Vries|Jansen|van den Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|
Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|
van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van Dijk|Schouten""".replace(
    "\n", ""
).split("|")
ROLES = ["Minister", "Staatssecretaris", "Directeur", "Voorzitter", "Inspecteur-generaal"]

CODE_LANGS = ["yaml", "json", "python", "sql", "bash"]
BROAD_TAGS = 20  # tags most notes share (beyond the related-pages fanout at scale)


def slugify(s):
    """Like dossier's `text::slugify`: accents stripped, lowercased, runs of other
    characters become one `-`."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()
    out, dash = [], False
    for c in folded:
        if c.isalnum() or c == "_":
            if dash and out:
                out.append("-")
            dash = False
            out.append(c)
        else:
            dash = True
    return "".join(out)


def yq(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ylist(items):
    return "[" + ", ".join(yq(i) for i in items) + "]"


def tq(s):
    """A TOML basic string (the texts have no control characters)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tlist(items):
    return "[" + ", ".join(tq(i) for i in items) + "]"


# ---------------------------------------------------------------------------
# The plan: every name, folder, heading and source, drawn sequentially from one RNG so
# that names are unique. Bodies are then drawn per note from their own RNG.


def make_plan(n, seed):
    rng = random.Random(f"dossier-bench-plan-{seed}")
    used = set()  # slugs of every title, alias, stem and key (links match on these)

    def unique(make):
        for _ in range(10000):
            name = make()
            slug = slugify(name)
            if slug not in used:
                used.add(slug)
                return name
        sys.exit("gen_corpus: ran out of unique names; widen the vocabulary")

    def title():
        return f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(TITLE_NOUNS).lower()} {rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}"

    def alias():
        # A shorter name for the same topic: no preposition (so never a title's slug).
        return f"{rng.choice(TITLE_NOUNS)} {rng.choice(ADJECTIVES)} {rng.choice(PLACES)}"

    n_sources = max(1, n // 50)
    sources = []
    for i in range(n_sources):
        key = f"kst-{31000 + i // 10}-{100 + (i % 10) * 7}"
        used.add(slugify(key))
        sections = ["Inleiding"] + rng.sample(SOURCE_SECTIONS, rng.randint(6, 12))
        first, second = rng.sample(TITLE_NOUNS, 2)
        sources.append(
            {
                "key": key,
                "title": f"{first} en {second.lower()}: {rng.choice(['stand van zaken', 'voortgang', 'reactie', 'advies', 'kader'])} ({2015 + i % 11})",
                "type": rng.choice(SOURCE_TYPES),
                "date": f"{2015 + i % 11}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "role": rng.choice(ROLES),
                "pages": rng.randint(8, 60),
                "sections": sections,
            }
        )

    # Specific tags (about 40 notes each): topic-place pairs in a seeded order, numbered
    # once the pairs run out.
    n_specific = max(40, n // 25)
    pairs = [slugify(f"{t} {p}") for t in TITLE_NOUNS for p in PLACES]
    rng.shuffle(pairs)
    specific_tags = [pairs[k % len(pairs)] + (f"-{k // len(pairs) + 1}" if k >= len(pairs) else "") for k in range(n_specific)]
    broad_tags = [slugify(t) for t in TITLE_NOUNS[:BROAD_TAGS]]

    notes = []
    for i in range(n):
        t = unique(title)
        aliases = [unique(alias) for _ in range(rng.choice([0, 0, 1, 1, 2]))]
        notes.append(
            {
                "title": t,
                "slug": slugify(t),
                "folder": FOLDERS[rng.randrange(len(FOLDERS))],
                "aliases": aliases,
                "tags": [rng.choice(broad_tags)] + rng.sample(specific_tags, rng.randint(1, 3)),
                "headings": rng.sample(HEADINGS, rng.randint(4, 7)),
            }
        )
    return {"n": n, "seed": seed, "notes": notes, "sources": sources}


# ---------------------------------------------------------------------------
# Bodies. A body is built as a list of chunks; text chunks are plain strings, links and
# citations are tuples rendered per flavour.


def words(rng, count):
    out = []
    for _ in range(count):
        r = rng.random()
        if r < 0.45:
            out.append(rng.choice(FUNCTION))
        elif r < 0.75:
            out.append(rng.choice(NOUNS))
        elif r < 0.88:
            out.append(rng.choice(ADJECTIVES))
        else:
            out.append(rng.choice(VERBS))
    return out


def sentence(rng, lo=8, hi=20):
    w = words(rng, rng.randint(lo, hi))
    w[0] = w[0].capitalize()
    if rng.random() < 0.15:
        w.insert(rng.randrange(1, len(w)), rng.choice(PLACES))
    return " ".join(w)


class Note:
    def __init__(self, plan, i, seed):
        self.plan = plan
        self.i = i
        self.meta = plan["notes"][i]
        self.rng = random.Random(f"dossier-bench-note-{seed}-{i}")

    def link_targets(self):
        rng, n, i = self.rng, self.plan["n"], self.i
        count = rng.randint(3, 6)
        # The next note is always linked, so no note is an orphan.
        targets = [(i + 1) % n] if n > 1 else []
        while len(targets) < min(count, n - 1):
            t = rng.randrange(n)
            if t != i and t not in targets:
                targets.append(t)
        return targets

    def citations(self):
        rng, sources = self.rng, self.plan["sources"]
        count = rng.randint(2, 5)
        # The first citation goes round the sources, so every source is cited.
        keys = [self.i % len(sources)] + [rng.randrange(len(sources)) for _ in range(count - 1)]
        out = []
        for k in keys:
            s = sources[k]
            if rng.random() < 0.5:
                out.append(("cite", s["key"], f"p. {rng.randint(1, s['pages'])}"))
            else:
                out.append(("cite", s["key"], f"§ {rng.choice(s['sections'])}"))
        return out

    def link(self, t):
        rng = self.rng
        r = rng.random()
        target = self.plan["notes"][t]
        if r < 0.45:
            return ("wiki", t, None, None)
        if r < 0.6:
            return ("wiki", t, " ".join(words(rng, rng.randint(1, 3))), None)
        if r < 0.75:
            return ("wiki", t, None, rng.choice(target["headings"]))
        return ("md", t, " ".join(words(rng, rng.randint(1, 4))), None)

    def build(self):
        """Returns (front matter dict, list of blocks); a block is a list of chunks."""
        rng = self.rng
        links = [self.link(t) for t in self.link_targets()]
        cites = self.citations()
        related = []
        n = self.plan["n"]
        for _ in range(rng.choice([0, 1, 2, 3])):
            t = rng.randrange(n)
            if t != self.i and self.plan["notes"][t]["title"] not in related:
                related.append(self.plan["notes"][t]["title"])
        headings = self.meta["headings"]
        has_code = self.i % 3 == 0
        has_table = rng.random() < 0.5
        has_callout = rng.random() < 0.15
        has_footnote = rng.random() < 0.2
        # 600-900 words of prose in all; links, citations, callout and footnote take
        # their share first (a link: three words of lead-in plus its text).
        extras = sum(3 + len(render_chunk(c, self.plan, "dossier", True).split()) for c in links)
        extras += sum(len(render_chunk(c, self.plan, "dossier", True).split()) for c in cites)
        extras += 20 * has_callout + 20 * has_footnote
        target_words = rng.randint(615, 880) - extras  # drawing over- or undershoots a little

        blocks = []
        n_words = 0
        # Intro paragraph.
        intro = " ".join(sentence(rng) + "." for _ in range(rng.randint(2, 3)))
        blocks.append([intro])
        n_words += len(intro.split())
        paragraphs = []  # indices of prose paragraphs, to place links and citations in
        paragraphs.append(0)
        per_section = max(1, (target_words - n_words) // len(headings))
        for h_i, heading in enumerate(headings):
            blocks.append([f"## {heading}"])
            written = 0
            while written < per_section:
                kind = rng.random()
                if kind < 0.12 and written > 0:
                    items = []
                    task = rng.random() < 0.2
                    ordered = not task and rng.random() < 0.3
                    for k in range(rng.randint(3, 6)):
                        item = sentence(rng, 4, min(10, max(5, per_section - written)))
                        if task:
                            mark = rng.choice(["[ ]", "[x]"])
                            items.append(f"- {mark} {item}")
                        elif ordered:
                            items.append(f"{k + 1}. {item}")
                        else:
                            items.append(f"- {item}")
                        written += len(item.split())
                        if written >= per_section and k >= 2:
                            break
                    blocks.append(["\n".join(items)])
                else:
                    sentences = []
                    for _ in range(rng.randint(3, 6)):
                        left = per_section - written
                        sentences.append(sentence(rng, min(8, max(4, left)), min(20, max(5, left))) + ".")
                        written += len(sentences[-1].split())
                        if written >= per_section:
                            break
                    text = " ".join(sentences)
                    if has_footnote and h_i == 0 and written == 0:
                        text += "[^noot]"
                    paragraphs.append(len(blocks))
                    blocks.append([text])
            n_words += written
            if h_i == 1 and has_table:
                blocks.append([self.table()])
            if h_i == 2 and has_code:
                blocks.append([self.code()])
            if h_i == len(headings) - 1 and has_callout:
                blocks.append([f"> [!note] Let op\n> {sentence(rng)}."])
        if has_footnote:
            blocks.append([f"[^noot]: {sentence(rng)}."])

        # Links and citations go at the end of sentences in prose paragraphs.
        for chunk in links + cites:
            p = rng.choice(paragraphs)
            block = blocks[p]
            if chunk[0] == "cite":
                # Inside the last sentence: `… tekst [@key, p. 4].`
                if isinstance(block[-1], str) and block[-1].endswith("."):
                    block[-1] = block[-1][:-1]
                block += [" ", chunk, "."]
            else:
                block.append(" " + rng.choice(["Zie ook", "Meer hierover bij", "Vergelijk", "Lees verder bij"]) + " ")
                block.append(chunk)
                block.append(".")

        fm = {
            "title": self.meta["title"],
            "summary": sentence(rng, 10, 18) + ".",
            "tags": self.meta["tags"],
            "aliases": self.meta["aliases"],
            "related": related,
        }
        return fm, blocks

    def table(self):
        rng = self.rng
        cols = rng.randint(3, 4)
        head = ["Regio", "Jaar", "Aantal", "Toelichting"][:cols]
        rows = ["| " + " | ".join(head) + " |", "|" + "|".join([" --- "] * cols) + "|"]
        for _ in range(rng.randint(3, 6)):
            cells = [rng.choice(PLACES), str(rng.randint(2015, 2025)), f"{rng.randint(10, 9999):,}".replace(",", "."),
                     " ".join(words(rng, rng.randint(2, 5)))][:cols]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def code(self):
        rng = self.rng
        lang = rng.choice(CODE_LANGS)
        lines = []
        for k in range(rng.randint(6, 14)):
            w = rng.choice(NOUNS).replace("ë", "e").replace("ï", "i")
            if lang == "yaml":
                lines.append(f"{w}_{k}: {rng.randint(0, 500)}  # [[geen link]]" if k == 0 else f"{w}_{k}: {rng.randint(0, 500)}")
            elif lang == "json":
                lines.append(f'  "{w}_{k}": {rng.randint(0, 500)},')
            elif lang == "python":
                lines.append(f"{w}_{k} = bereken({rng.randint(0, 500)}, regio='{rng.choice(PLACES)}')  # [@geen-citaat]")
            elif lang == "sql":
                lines.append(f"SELECT regio, count(*) FROM {w} WHERE jaar = {rng.randint(2015, 2025)} GROUP BY regio;")
            else:
                lines.append(f"dossier build --root {w}-{k} --output /tmp/{w}")
        if lang == "json":
            lines = ["{"] + lines + ['  "einde": true', "}"]
        return f"```{lang}\n" + "\n".join(lines) + "\n```"


# ---------------------------------------------------------------------------
# Flavours.


def note_path(meta):
    return f"{meta['folder']}/{meta['slug']}.md"


def render_chunk(chunk, plan, flavour, from_folder):
    if isinstance(chunk, str):
        return chunk
    kind = chunk[0]
    if kind == "cite":
        _, key, locator = chunk
        if flavour == "dossier":
            return f"[@{key}, {locator}]"
        if flavour == "mdbook":
            return f"([{key}](../sources/{key}.md), {locator})"
        if flavour == "zola":
            return f"([{key}](@/sources/{key}.md), {locator})"
        return f"([{key}](/sources/{key}/), {locator})"
    _, t, label, heading = chunk
    target = plan["notes"][t]
    if flavour in ("mdbook", "zola"):
        url = f"{'@/' if flavour == 'zola' else '../'}{note_path(target)}"
        if heading:
            url += "#" + slugify(heading)
        return f"[{label or target['title']}]({url})"
    if flavour == "dossier":
        if kind == "md":
            prefix = "../" if from_folder else ""
            return f"[{label}]({prefix}{note_path(target)})"
        inner = target["title"]
        if heading:
            inner += "#" + heading
        if label:
            inner += "|" + label
        return f"[[{inner}]]"
    url = f"/{target['folder']}/{target['slug']}/"
    if heading:
        url += "#" + slugify(heading)
    return f"[{label or target['title']}]({url})"


def note_text(plan, i, seed, flavour):
    note = Note(plan, i, seed)
    fm, blocks = note.build()
    body = "\n\n".join("".join(render_chunk(c, plan, flavour, True) for c in b) for b in blocks)
    if flavour == "mdbook":
        return f"# {fm['title']}\n\n{fm['summary']}\n\n{body}\n"
    if flavour == "zola":
        return zola_front_matter(fm) + body + "\n"
    lines = ["---", f"title: {yq(fm['title'])}", f"summary: {yq(fm['summary'])}", f"tags: {ylist(fm['tags'])}"]
    if flavour == "dossier":
        if fm["aliases"]:
            lines.append(f"aliases: {ylist(fm['aliases'])}")
        if fm["related"]:
            lines.append(f"related: {ylist(fm['related'])}")
    else:
        # Hugo's `aliases` are redirect URLs; keep the names as a custom parameter.
        if fm["aliases"]:
            lines.append(f"synonyms: {ylist(fm['aliases'])}")
        if fm["related"]:
            lines.append(f"related_titles: {ylist(fm['related'])}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body + "\n"


def zola_front_matter(fm):
    """TOML front matter for a Zola page: Zola's own fields, tags as the `tags`
    taxonomy, the names that have no Zola field (as for Hugo) under `[extra]`."""
    lines = ["+++", f"title = {tq(fm['title'])}", f"description = {tq(fm['summary'])}", "", "[taxonomies]",
             f"tags = {tlist(fm['tags'])}"]
    extra = []
    if fm["aliases"]:
        extra.append(f"synonyms = {tlist(fm['aliases'])}")
    if fm["related"]:
        extra.append(f"related_titles = {tlist(fm['related'])}")
    if extra:
        lines += ["", "[extra]"] + extra
    return "\n".join(lines) + "\n+++\n"


def source_text(plan, s, flavour):
    if flavour == "mdbook":
        return mdbook_source_text(plan, s)
    if flavour == "zola":
        return zola_source_text(plan, s)
    lines = ["---"]
    if flavour == "dossier":
        lines += [f"id: {s['key']}", f"title: {yq(s['title'])}", f"type: {s['type']}"]
    else:
        lines += [f"title: {yq(s['title'])}", f"doctype: {s['type']}"]
    lines += [
        f"date: {s['date']}",
        f"author: {yq(s['author'])}",
        f"role: {s['role']}",
        f"pages: {s['pages']}",
        "sections:",
    ]
    lines += [f"  - {yq(sec)}" for sec in s["sections"]]
    lines.append("---")
    cite = f"[@{s['key']}, § Inleiding]" if flavour == "dossier" else "(§ Inleiding)"
    return "\n".join(lines) + "\n" + source_body(plan, s, cite)


def source_body(plan, s, cite):
    rng = random.Random(f"dossier-bench-source-{plan['seed']}-{s['key']}")
    body = [f"{s['type'].capitalize()} van {s['author']} ({s['role'].lower()}). {sentence(rng)} {cite}."]
    for sec in s["sections"][1:]:
        body.append(f"## {sec}")
        body.append(" ".join(sentence(rng) + "." for _ in range(rng.randint(2, 4))))
    return "\n\n".join(body) + "\n"


def zola_source_text(plan, s):
    lines = [
        "+++",
        f"title = {tq(s['title'])}",
        f"date = {s['date']}",
        "",
        "[extra]",
        f"doctype = {tq(s['type'])}",
        f"author = {tq(s['author'])}",
        f"role = {tq(s['role'])}",
        f"pages = {s['pages']}",
        f"sections = {tlist(s['sections'])}",
        "+++",
    ]
    return "\n".join(lines) + "\n" + source_body(plan, s, "(§ Inleiding)")


def mdbook_source_text(plan, s):
    rng = random.Random(f"dossier-bench-source-{plan['seed']}-{s['key']}")
    body = [
        f"# {s['title']}",
        f"{s['type'].capitalize()}, {s['date']}, {s['author']} ({s['role']}), {s['pages']} pagina's.",
        f"{s['type'].capitalize()} van {s['author']} ({s['role'].lower()}). {sentence(rng)} (§ Inleiding).",
    ]
    for sec in s["sections"][1:]:
        body.append(f"## {sec}")
        body.append(" ".join(sentence(rng) + "." for _ in range(rng.randint(2, 4))))
    return "\n\n".join(body) + "\n"


def mdbook_summary(plan):
    lines = ["# Summary", "", "[Benchmarkdossier](index.md)", ""]
    folders = {}
    for m in plan["notes"]:
        folders.setdefault(m["folder"], []).append(m)
    for folder in sorted(folders):
        lines += [f"# {folder}", ""]
        lines += [f"- [{m['title']}]({note_path(m)})" for m in folders[folder]]
        lines.append("")
    lines += ["# Bronnen", ""]
    lines += [f"- [{s['title']}](sources/{s['key']}.md)" for s in plan["sources"]]
    return "\n".join(lines) + "\n"


MDBOOK_CONFIG = """[book]
title = "Benchmarkdossier"
language = "nl"
src = "src"

[output.html]
"""


def index_text(plan, flavour):
    n = plan["n"]
    firsts = plan["notes"][: min(n, 12)]
    if flavour == "dossier":
        head = "---\ntitle: Benchmarkdossier\nsummary: Gegenereerde notities voor de benchmark.\n---\n"
        links = "\n".join(f"- [[{m['title']}]]" for m in firsts)
    elif flavour == "mdbook":
        head = "# Benchmarkdossier\n\n"
        links = "\n".join(f"- [{m['title']}]({note_path(m)})" for m in firsts)
    elif flavour == "zola":
        head = '+++\ntitle = "Benchmarkdossier"\n+++\n'
        links = "\n".join(f"- [{m['title']}](@/{note_path(m)})" for m in firsts)
    else:
        head = "---\ntitle: Benchmarkdossier\n---\n"
        links = "\n".join(f"- [{m['title']}](/{m['folder']}/{m['slug']}/)" for m in firsts)
    return f"{head}Een gegenereerde kennisbank om mee te meten. Begin hier:\n\n{links}\n"


HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "nl"
title = "Benchmarkdossier"
disableKinds = ["RSS"]

[taxonomies]
tag = "tags"
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
""",
}


# Zola: the counterpart of the Hugo site above. Hugo highlights fenced code by default
# (Chroma, inline styles, monokai), so Zola highlights too (Giallo, inline styles).
ZOLA_CONFIG = """base_url = "https://example.org"
title = "Benchmarkdossier"
default_language = "nl"
compile_sass = false
build_search_index = false
generate_feeds = false
taxonomies = [{ name = "tags" }]

[markdown.highlighting]
theme = "monokai"
error_on_missing_language = true
"""

ZOLA_TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %} · {{ config.title }}</title></head>
<body>
<nav><a href="{{ get_url(path="/") }}">{{ config.title }}</a></nav>
<main>{% block main %}{% endblock %}</main>
</body>
</html>
""",
    "page.html": """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}
{% block main %}<article>
<h1>{{ page.title }}</h1>
{% if page.description %}<p class="summary">{{ page.description }}</p>{% endif %}
{{ page.content | safe }}
{% if page.taxonomies.tags %}<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) }}">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
</article>{% endblock %}
""",
    "section.html": """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
    "index.html": """{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}{% block title %}{{ taxonomy.name }}{% endblock %}
{% block main %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}{% block title %}{{ term.name }}{% endblock %}
{% block main %}<h1>{{ term.name }}</h1>
<ul>{% for p in term.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
}


def zola_section_text(folder):
    # Lists sorted as Hugo sorts them here: by date where there is one, else by title.
    return f'+++\ntitle = "{folder}"\nsort_by = "{"date" if folder == "sources" else "title"}"\n+++\n'


# ---------------------------------------------------------------------------

_WORKER = {}


def _init(plan, seed, flavour, content):
    _WORKER.update(plan=plan, seed=seed, flavour=flavour, content=content)


def _write_notes(indices):
    plan, content = _WORKER["plan"], _WORKER["content"]
    total = 0
    for i in indices:
        text = note_text(plan, i, _WORKER["seed"], _WORKER["flavour"])
        path = os.path.join(content, note_path(plan["notes"][i]))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    return total


def write(n, out, seed, flavour, jobs):
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"gen_corpus: {out} exists and is not empty")
    plan = make_plan(n, seed)
    content = os.path.join(out, "src" if flavour == "mdbook" else "content")
    folders = sorted(set(m["folder"] for m in plan["notes"]) | {"sources"})
    for folder in folders:
        os.makedirs(os.path.join(content, folder), exist_ok=True)
    if flavour == "dossier":
        with open(os.path.join(out, "dossier.yaml"), "w", encoding="utf-8") as f:
            f.write("title: Benchmarkdossier\nlanguage: nl\n")
        index = "index.md"
    elif flavour == "mdbook":
        with open(os.path.join(out, "book.toml"), "w", encoding="utf-8") as f:
            f.write(MDBOOK_CONFIG)
        with open(os.path.join(content, "SUMMARY.md"), "w", encoding="utf-8") as f:
            f.write(mdbook_summary(plan))
        index = "index.md"
    elif flavour == "zola":
        with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
            f.write(ZOLA_CONFIG)
        for rel, text in ZOLA_TEMPLATES.items():
            path = os.path.join(out, "templates", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        for folder in folders:
            with open(os.path.join(content, folder, "_index.md"), "w", encoding="utf-8") as f:
                f.write(zola_section_text(folder))
        index = "_index.md"
    else:
        with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
            f.write(HUGO_CONFIG)
        for rel, text in HUGO_LAYOUTS.items():
            path = os.path.join(out, "layouts", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        index = "_index.md"
    with open(os.path.join(content, index), "w", encoding="utf-8") as f:
        f.write(index_text(plan, flavour))
    for s in plan["sources"]:
        with open(os.path.join(content, "sources", s["key"] + ".md"), "w", encoding="utf-8") as f:
            f.write(source_text(plan, s, flavour))

    batches = [range(k, min(n, k + 500)) for k in range(0, n, 500)]
    if jobs > 1 and n > 2000:
        with multiprocessing.Pool(jobs, initializer=_init, initargs=(plan, seed, flavour, content)) as pool:
            total = sum(pool.map(_write_notes, batches))
    else:
        _init(plan, seed, flavour, content)
        total = sum(_write_notes(b) for b in batches)
    print(
        f"gen_corpus: {n} notes, {len(plan['sources'])} sources, {total / 1e6:.1f} MB of notes "
        f"({flavour}, seed {seed}) in {out}",
        file=sys.stderr,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notes", type=int, help="number of notes (sources: notes/50)")
    ap.add_argument("out", help="site root to create (must not exist or be empty)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--flavour", choices=["dossier", "hugo", "mdbook", "zola"], default="dossier")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output is the same)")
    args = ap.parse_args()
    if args.notes < 2:
        sys.exit("gen_corpus: need at least 2 notes")
    write(args.notes, args.out, args.seed, args.flavour, args.jobs)


if __name__ == "__main__":
    main()
