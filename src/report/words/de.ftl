# Die Wörter der Berichte, Bulletins und der Website, auf Deutsch.
# Jede Meldung aus en.ftl muss auch hier stehen (ein Test prüft das).

## Spalten und Überschriften
commitment = Zusage
commitments = Zusagen
owner = Verantwortlich
status = Status
since = Seit
latest-evidence = Neuester Beleg
due = Fällig
flags = Hinweise
funding = Finanzierung
id = Id
title = Titel
date = Datum
detail = Einzelheiten
sources = Quellen
source = Quelle
entry = Eintrag
evidence = Belege
# One evidence entry, as a timeline names it.
evidence-entry = Beleg
change = Änderung
period = Zeitraum
total = Gesamt
new = Neu
changed = Geändert
overdue = Überfällig
stale = Veraltet
average-score = Durchschnittswert
progress = Fortschritt
score = Wert
closed = Abgeschlossen
meaning = Bedeutung
yes = ja
no = nein
tag = Schlagwort
parent = Übergeordnete Zusage
statuses = Statusverteilung
own-status = Eigener Status
children = Unterzusagen
childrens-statuses = Status der Unterzusagen
weight = Gewicht
file = Datei
what-it-holds = Inhalt
document = Dokument
quote = Zitat
published = Veröffentlicht
kind = Art
checked = Geprüft
searched-not-found = Gesucht, nicht gefunden
gaps = Lücken
timeline = Verlauf
timelines = Verläufe
totals = Summen
bulletins = Bulletins
data = Daten
method = Methode
chart-key = Legende:
all-commitments = Alle Zusagen
default-title = Zusagen
not-yet-made = noch nicht gegeben

## Hinweise: die Markierungen, nach denen Leser suchen
flag-overdue = überfällig
flag-stale = veraltet
flag-unsourced = ohne Beleg
flag-gap = Lücke
flag-retired = eingestellt
unsourced-mark = OHNE BELEG
closed-mark = (abgeschlossen)

## Stufen der Finanzierung
stage-pledged = Zugesagt
stage-allocated = Bewilligt
stage-disbursed = Ausgezahlt
stage-spent = Ausgegeben
or = oder
nothing-on-record = kein Betrag { $stages } erfasst

## Anmerkungen unter den Tabellen
flags-note = Hinweise: überfällig = Fälligkeitsdatum verstrichen, Status nicht abgeschlossen; veraltet = Status nicht abgeschlossen, und nichts in der Akte (Beleg, Quelle, eine als Lücke vermerkte Suche) ist jünger als { $n } Tage; ohne Beleg = der aktuelle Status nennt keinen Beleg; Lücke = nach etwas wurde gesucht, es wurde nicht gefunden.
scale-note = Statusskala und Werte: { $scale }.
funding-note = Finanzierung: für jede Stufe (zugesagt, bewilligt, ausgezahlt, ausgegeben) der letzte erfasste Betrag bis zum { $date }; eine fehlende Stufe hat keinen erfassten Betrag. Beträge in verschiedenen Währungen werden nie addiert.
roll-up-rule = Zusammenfassung: die direkten Unterzusagen der übergeordneten Zusage, die bis zum Stichtag gegeben wurden, nach Status gezählt; ihr Durchschnittswert ist gewichtet, Σ(Gewicht × Wert) / Σ Gewicht, jede Unterzusage mit Gewicht 1, sofern ihr `weight:` nichts anderes angibt. Der Status der übergeordneten Zusage bleibt ihr eigener: die Zusammenfassung steht daneben und ersetzt ihn nie.
average-note = Durchschnittswert: der Mittelwert der Statuswerte auf der Skala des Registers. Fortschritt: dieser Mittelwert als Prozentsatz des Weges vom niedrigsten zum höchsten Wert; auf der G7-Skala (-1 bis +1) ist das die Erfüllungsquote der G7 Research Group, (Mittelwert + 1) / 2.
method-text = Jeder Status stützt sich auf genannte Belege: eine amtliche Erklärung, ein Gesetz, ein Parlamentsprotokoll, ein Gerichtsurteil, einen Datensatz oder einen Bericht, jeweils mit Adresse. Ein Status ohne Beleg wird als „ohne Beleg“ markiert. Eine Suche, die nichts ergab, wird als Lücke vermerkt: Schweigen ist auch ein Befund. Die Daten geben an, wann etwas laut den Belegen geschah.

## Zusammenfassungen
n-commitments = { $n ->
    [one] { $n } Zusage
   *[other] { $n } Zusagen
}
summary = { $commitments }: { $counts }
# Between the parts of a summary line (a string literal keeps its spaces).
separator = {"; "}
status-count = { $n } { $status }
n-overdue = { $n } überfällig
n-stale = { $n } veraltet
average = Durchschnittswert { $score }

## Statusberichte und Listen
status-as-of = Stand am { $date }
commitments-as-of = Zusagen, Stand am { $date }
status-over-time = Status im Zeitverlauf
status-on = Status am { $date }
status-on-is = Status am { $date }: { $status }
no-commitments-match = Keine Zusage passt.

## Bulletins
where-things-stand = Stand am { $date }
what-changed-in = Was sich im Zeitraum { $period } geändert hat
over-time = Im Zeitverlauf
period-not-over = { $period } ist noch nicht vorbei: gezeigt wird der Stand am { $date }.
bulletin-subtitle = Bulletin für { $period }: { $from } bis { $to }

## Änderungen
changes-subtitle = Änderungen { $window }
window-from-to = vom { $from } bis { $to }
window-from-to-recorded = vom { $from } bis { $to } sowie seit dem { $recorded } erfasste Einträge
window-recorded = vom { $recorded } bis { $to } erfasste Einträge
window-to = bis { $to }
nothing-changed = Nichts hat sich geändert und nichts wurde gefunden, { $window }.
changes-status-line = { $owner }. Status am { $date }: { $status }
n-status-events = { $n ->
    [one] { $n } Statusänderung
   *[other] { $n } Statusänderungen
}
n-funding-events = { $n ->
    [one] { $n } Finanzierungsereignis
   *[other] { $n } Finanzierungsereignisse
}
n-evidence-entries = { $n ->
    [one] { $n } neuer Beleg
   *[other] { $n } neue Belege
}
n-gaps-recorded = { $n ->
    [one] { $n } vermerkte Lücke
   *[other] { $n } vermerkte Lücken
}
became-overdue-and-stale = { $overdue } neu überfällig und { $stale } neu veraltet
changes-summary = { $parts }, bei { $commitments }.
dates-note = Die Daten geben an, wann etwas laut den Belegen geschah.
dates-note-recorded = Die Daten geben an, wann etwas laut den Belegen geschah; im Zeitraum erfasste Einträge sind enthalten, wann immer sie geschahen.
change-gap = Lücke vermerkt
change-overdue = Überfällig geworden
change-stale = Veraltet
change-retraction = Zurückgezogen: irrtümlich erfasst
change-retired = Eingestellt: wird nicht mehr verfolgt
change-corrected = Berichtigt: { $from } → „{ $to }“
not-set = nicht gesetzt
change-new-evidence = Neuer Beleg
change-made = Gegeben: { $status }
change-confirmed = { $status } (bestätigt)
due-on = Fällig am { $date }.
stale-detail = Nichts in der Akte ist jünger als der { $date } ({ $n } Tage).

## Im Zeitverlauf (history, report --period)
unit = { $unit ->
    [month] Monat
    [quarter] Quartal
   *[year] Jahr
}
chart-title = { $unit ->
    [month] Zusagen je Status am Ende jedes Monats
    [quarter] Zusagen je Status am Ende jedes Quartals
   *[year] Zusagen je Status am Ende jedes Jahres
}
n-new = { $n } neu
n-changed = { $n } geändert
history-note = { $unit ->
    [month] Gezählt wird am Ende jedes Monats; Neu = im Monat gegeben; Geändert = im Monat in einen anderen Status gewechselt; Überfällig und Veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage) werden an seinem Ende beurteilt; Fortschritt = der Durchschnittswert als Prozentsatz der Skala.
    [quarter] Gezählt wird am Ende jedes Quartals; Neu = im Quartal gegeben; Geändert = im Quartal in einen anderen Status gewechselt; Überfällig und Veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage) werden an seinem Ende beurteilt; Fortschritt = der Durchschnittswert als Prozentsatz der Skala.
   *[year] Gezählt wird am Ende jedes Jahres; Neu = im Jahr gegeben; Geändert = im Jahr in einen anderen Status gewechselt; Überfällig und Veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage) werden an seinem Ende beurteilt; Fortschritt = der Durchschnittswert als Prozentsatz der Skala.
}
history-counts-heading = { $unit ->
    [month] Anzahl je Status, nach Monat
    [quarter] Anzahl je Status, nach Quartal
   *[year] Anzahl je Status, nach Jahr
}
history-flow-heading = { $unit ->
    [month] Neu, geändert, überfällig und veraltet, nach Monat
    [quarter] Neu, geändert, überfällig und veraltet, nach Quartal
   *[year] Neu, geändert, überfällig und veraltet, nach Jahr
}
history-subtitle = { $unit ->
    [month] Verlauf nach Monat, { $from } bis { $to }
    [quarter] Verlauf nach Quartal, { $from } bis { $to }
   *[year] Verlauf nach Jahr, { $from } bis { $to }
}
over-time-note = { $unit ->
    [month] Jede Spalte zeigt den Status am Ende des Monats; + im Monat gegeben, * im Monat in einen anderen Status gewechselt. Hinweise zum Stand am { $date }: überfällig (Fälligkeitsdatum verstrichen, nicht abgeschlossen), veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage).
    [quarter] Jede Spalte zeigt den Status am Ende des Quartals; + im Quartal gegeben, * im Quartal in einen anderen Status gewechselt. Hinweise zum Stand am { $date }: überfällig (Fälligkeitsdatum verstrichen, nicht abgeschlossen), veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage).
   *[year] Jede Spalte zeigt den Status am Ende des Jahres; + im Jahr gegeben, * im Jahr in einen anderen Status gewechselt. Hinweise zum Stand am { $date }: überfällig (Fälligkeitsdatum verstrichen, nicht abgeschlossen), veraltet (nicht abgeschlossen, und nichts jünger als { $n } Tage).
}
over-time-subtitle = { $unit ->
    [month] Status am Ende jedes Monats, { $from } bis { $to }
    [quarter] Status am Ende jedes Quartals, { $from } bis { $to }
   *[year] Status am Ende jedes Jahres, { $from } bis { $to }
}

## Zusammenfassungen (report --by)
by-owner-as-of = Nach Verantwortlichen, Stand am { $date }
by-tag-as-of = Nach Schlagwort, Stand am { $date }
by-status-as-of = Nach Status, Stand am { $date }
by-parent-as-of = Nach übergeordneter Zusage, Stand am { $date }
no-children = Keine Zusage hat Unterzusagen: fügen Sie eine mit `add ID --parent PARENT_ID` oder einer Zeile `parent:` hinzu.

## Akte und Verlauf einer Zusage
record-owner = Verantwortlich: { $owner }
record-partners = Partner: { $partners }
record-made = Gegeben am: { $date }
record-due = Fällig: { $date }
record-funding-on = Finanzierung am { $date }: { $funding }
record-funding = Finanzierung: { $funding }
record-tags = Schlagwörter: { $tags }
record-status = Status am { $date }: { $status } seit { $since }
record-source = Quelle: { $source }
retracted = Zurückgezogen: { $what }
retired = Eingestellt
no-longer-tracked = Wird nicht mehr verfolgt: { $reason }
corrected = Berichtigt: { $what }
funding-stage = Finanzierung: { $stage }
gap-checked = Lücke (geprüft am { $date }): { $note }
gap-note = Lücke: { $note }
no-evidence = Keine Belege erfasst.
no-gaps = Keine Lücken vermerkt.
due-event = Fällig: { $what }

## Die Website
nav-status = Status
nav-method = Methode
nav-feed = Änderungen (Atom)
nav-calendar = Fälligkeiten (iCalendar)
download-commitments-csv = Der heutige Status jeder Zusage, eine Zeile je Zusage (report --format csv)
download-commitments-json = Dasselbe mit der Skala, als JSON (report --format json)
download-periods-csv = Der Status am Ende jedes Quartals, eine Zeile je Zusage und Quartal
download-history-csv = Anzahl je Status am Ende jedes Quartals
download-changes-csv = Jede Änderung, eine Zeile je Änderung und Quelle
download-datapackage = Inhalt und Typ jeder CSV-Spalte (ein Frictionless Data Package)
method-title = Methode — { $title }
method-subtitle = Wie Status, Werte und Hinweise festgelegt werden
footer = Erstellt mit { $program } aus dem Register selbst: jeder Status nennt seine Belege, und Status, Werte und Hinweise sind die auf dieser Seite angegebenen.

## Anmerkungen unter Zusammenfassungen
tag-note = Eine Zusage mit mehreren Schlagwörtern wird unter jedem gezählt; die letzte Zeile zählt jede Zusage einmal.
group-funding-note = Die Zahl jeder Gruppe ist die Summe der Zahlen ihrer Zusagen, je Währung.

## show: eine Zusage im Terminal
field = Feld
value = Wert
partners = Partner
made = Gegeben am
tags = Schlagwörter
description = Beschreibung
notes = Notizen
what = Was
child = Unterzusage
retired-field = seit { $date }: { $reason } (wird nicht mehr verfolgt; Berichte lassen die Zusage weg, außer mit --include-retired)
funding-as-of = { $funding } (Stand am { $date })
status-since-as-of = { $status } seit { $since } (Stand am { $date })
not-yet-made-on = am { $date } noch nicht gegeben
rests-on = stützt sich auf: { $ids }
recorded-by = erfasst von { $by }
accessed-on = { $date } (abgerufen)
undated = undatiert
show-evidence = Beleg
show-retired = eingestellt
show-retracted = zurückgezogen: { $what }
show-corrected = berichtigt: { $what }
show-funding = Finanzierung: { $stage }
children-n = Unterzusagen ({ $n }):
gaps-heading = Lücken (gesucht, nicht gefunden):
checked-on = (geprüft am { $date })
weighted-average = gewichteter Durchschnittswert { $score }
children-on = Unterzusagen am { $date }: { $n } ({ $counts }){ $average }.

## Arten von Belegen
kind-official-statement = amtliche Erklärung
kind-legislation = Gesetzgebung
kind-parliament = Parlament
kind-court = Gericht
kind-media = Medien
kind-ngo-report = NGO-Bericht
kind-dataset = Datensatz
kind-other = Sonstiges

## Eingestellte Zusagen, gezeigt weil verlangt (--include-retired)
retired-note = { $n ->
    [one] eingestellt = wird nicht mehr verfolgt (ihre Akte sagt, seit wann und warum); { $n } eingestellte Zusage wird gezeigt, weil der Bericht mit eingestellten Zusagen verlangt wurde, und ist in den Summen oben mitgezählt.
   *[other] eingestellt = wird nicht mehr verfolgt (ihre Akte sagt, seit wann und warum); { $n } eingestellte Zusagen werden gezeigt, weil der Bericht mit eingestellten Zusagen verlangt wurde, und sind in den Summen oben mitgezählt.
}
over-time-retired-note = eingestellt = wird zum Enddatum nicht mehr verfolgt (ihre Akte sagt, seit wann und warum); gezeigt, weil der Bericht mit eingestellten Zusagen verlangt wurde: { $n }.
rollup-retired-note = { $n ->
    [one] { $n } eingestellte Zusage (wird nicht mehr verfolgt) ist in diesen Gruppen mitgezählt, weil der Bericht mit eingestellten Zusagen verlangt wurde.
   *[other] { $n } eingestellte Zusagen (werden nicht mehr verfolgt) sind in diesen Gruppen mitgezählt, weil der Bericht mit eingestellten Zusagen verlangt wurde.
}
