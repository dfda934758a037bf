<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AlternativesPanel</name>
    <message>
        <source>Alternatives: suggestions left out of the brief, by requirement</source>
        <translation>Alternativen: im Briefing weggelassene Vorschläge, nach Anforderung</translation>
    </message>
    <message>
        <source>Looking for alternatives…</source>
        <translation>Alternativen werden gesucht…</translation>
    </message>
    <message>
        <source>Every suggestion is in the brief.</source>
        <translation>Alle Vorschläge sind im Briefing.</translation>
    </message>
    <message>
        <source>Untick an item in the brief to move it here, or look up anything else on the “Why not?” tab.</source>
        <translation>Entfernen Sie im Briefing das Häkchen eines Eintrags, um ihn hierher zu verschieben, oder schlagen Sie auf dem Tab „Warum nicht?“ etwas anderes nach.</translation>
    </message>
    <message>
        <source>1 suggestion left out of the brief, under the requirement it serves. Include it with its button or a double-click.</source>
        <translation>1 Vorschlag ist im Briefing weggelassen, unter der Anforderung, die er erfüllt. Nehmen Sie ihn mit seiner Schaltfläche oder per Doppelklick auf.</translation>
    </message>
    <message>
        <source>{count} suggestions left out of the brief, under the requirement each serves. Include one with its button or a double-click.</source>
        <translation>{count} Vorschläge sind im Briefing weggelassen, jeweils unter der Anforderung, die sie erfüllen. Nehmen Sie einen mit seiner Schaltfläche oder per Doppelklick auf.</translation>
    </message>
    <message>
        <source>Alternatives ({count})</source>
        <translation>Alternativen ({count})</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <source>Include {name} in the brief</source>
        <translation>{name} ins Briefing aufnehmen</translation>
    </message>
    <message>
        <source>Including…</source>
        <translation>Wird aufgenommen…</translation>
    </message>
    <message>
        <source>The alternatives could not be listed: {error}</source>
        <translation>Die Alternativen konnten nicht aufgelistet werden: {error}</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Audit journal</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>Alt → neu</translation>
    </message>
    <message>
        <source>Audit journal entries</source>
        <translation>Zeilen des Änderungsprotokolls</translation>
    </message>
    <message>
        <source>Filter the journal</source>
        <translation>Änderungsprotokoll filtern</translation>
    </message>
    <message>
        <source>Filter by person, record, field or value</source>
        <translation>Nach Person, Datensatz, Feld oder Wert filtern</translation>
    </message>
    <message>
        <source>History of {name}</source>
        <translation>Verlauf von {name}</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Bar chart of comparable key figures</source>
        <translation>Balkendiagramm vergleichbarer Kennzahlen</translation>
    </message>
</context>
<context>
    <name>BriefEditor</name>
    <message>
        <source>This brief is no longer in the database: it was deleted, perhaps with its prospect. Its window closes; exported dossiers stay where they are.</source>
        <translation>Dieses Briefing ist nicht mehr in der Datenbank: Es wurde gelöscht, vielleicht zusammen mit seinem Interessenten. Sein Fenster wird geschlossen; exportierte Dossiers bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation>Alternativen</translation>
    </message>
    <message>
        <source>Why not?</source>
        <translation>Warum nicht?</translation>
    </message>
    <message>
        <source>Tick to include · drag or use the buttons to reorder</source>
        <translation>Zum Aufnehmen abhaken · zum Umsortieren ziehen oder die Schaltflächen nutzen</translation>
    </message>
    <message>
        <source>Brief — {title}</source>
        <translation>Briefing — {title}</translation>
    </message>
    <message>
        <source>An item is no longer in the brief (its entity was deleted); the brief is shown as it is now.</source>
        <translation>Ein Eintrag ist nicht mehr im Briefing (er wurde gelöscht); das Briefing wird im aktuellen Stand gezeigt.</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>Die Vorschau wird erstellt…</translation>
    </message>
    <message>
        <source>Preview: 1 page</source>
        <translation>Vorschau: 1 Seite</translation>
    </message>
    <message>
        <source>Preview: {count} pages</source>
        <translation>Vorschau: {count} Seiten</translation>
    </message>
</context>
<context>
    <name>BriefMenu</name>
    <message>
        <source>Exclude from the dossier</source>
        <translation>Im Dossier weglassen</translation>
    </message>
    <message>
        <source>Include in the dossier</source>
        <translation>Ins Dossier aufnehmen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <source>Open the entity</source>
        <translation>Eintrag öffnen</translation>
    </message>
</context>
<context>
    <name>BriefTopBar</name>
    <message>
        <source>Brief title</source>
        <translation>Titel des Briefings</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDF exportieren…</translation>
    </message>
</context>
<context>
    <name>BriefTree</name>
    <message>
        <source>Sections and items; tick to include, drag to reorder</source>
        <translation>Abschnitte und Einträge; zum Aufnehmen abhaken, zum Umsortieren ziehen</translation>
    </message>
</context>
<context>
    <name>BrowseView</name>
    <message numerus="yes">
        <source>%Ln+ entities</source>
        <translation>
            <numerusform>%Ln+ Einträge</numerusform>
            <numerusform>%Ln+ Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entity</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entities</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(showing the first %Ln; refine to narrow down)</source>
        <translation>
            <numerusform>(nur %Ln angezeigt; grenzen Sie die Suche weiter ein)</numerusform>
            <numerusform>(die ersten %Ln angezeigt; grenzen Sie die Suche weiter ein)</numerusform>
        </translation>
    </message>
    <message>
        <source>no entity matches every word; showing those that match some</source>
        <translation>kein Eintrag passt zu allen Wörtern; angezeigt werden Treffer für einige davon</translation>
    </message>
    <message>
        <source>Nothing matches “{query}” with the current filters.</source>
        <translation>Mit den aktuellen Filtern passt nichts zu „{query}“.</translation>
    </message>
    <message>
        <source>Nothing matches “{query}”. Try fewer or shorter words.</source>
        <translation>Nichts passt zu „{query}“. Versuchen Sie es mit weniger oder kürzeren Wörtern.</translation>
    </message>
    <message>
        <source>No entity matches the current filters.</source>
        <translation>Kein Eintrag passt zu den aktuellen Filtern.</translation>
    </message>
</context>
<context>
    <name>ChangeFiles</name>
    <message>
        <source>Dossier Desk changes (*.ddchanges);;All files (*)</source>
        <translation>Änderungen aus Dossier Desk (*.ddchanges);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export changes</source>
        <translation>Änderungen exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln changes to {file}. Import them on another laptop (File ▸ Import changes…), or have headquarters apply them to the team&apos;s server.</source>
        <translation>
            <numerusform>%Ln Änderung in {file} geschrieben. Importieren Sie sie auf einem anderen Laptop (Datei ▸ Änderungen importieren…) oder lassen Sie sie in der Zentrale auf den Server des Teams übertragen.</numerusform>
            <numerusform>%Ln Änderungen in {file} geschrieben. Importieren Sie sie auf einem anderen Laptop (Datei ▸ Änderungen importieren…) oder lassen Sie sie in der Zentrale auf den Server des Teams übertragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import changes</source>
        <translation>Änderungen importieren</translation>
    </message>
    <message numerus="yes">
        <source>%Ln changes by {author}: {applied} applied, the others were already here or older than what this laptop holds.</source>
        <translation>
            <numerusform>%Ln Änderung von {author}: {applied} übernommen; die übrigen waren schon vorhanden oder älter als der Stand dieses Laptops.</numerusform>
            <numerusform>%Ln Änderungen von {author}: {applied} übernommen; die übrigen waren schon vorhanden oder älter als der Stand dieses Laptops.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>The other value</source>
        <translation>Der andere Wert</translation>
    </message>
    <message>
        <source>&amp;Keep the kept value</source>
        <translation>Wert &amp;beibehalten</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>Anderen Wert &amp;übernehmen</translation>
    </message>
    <message>
        <source>the record</source>
        <translation>der Datensatz</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>kept, edited by {author}</source>
        <translation>behalten, bearbeitet von {author}</translation>
    </message>
    <message>
        <source>Nothing to settle: every change of the team fitted together.</source>
        <translation>Nichts zu klären: Alle Änderungen im Team passten zusammen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln value lost to a change made at the same time on another laptop. The later change was kept everywhere; choose whether it stays or the other value is taken.</source>
        <translation>
            <numerusform>%Ln Wert ist einer gleichzeitigen Änderung auf einem anderen Laptop unterlegen. Überall gilt die spätere Änderung; entscheiden Sie, ob sie bleibt oder der andere Wert übernommen wird.</numerusform>
            <numerusform>%Ln Werte sind gleichzeitigen Änderungen auf einem anderen Laptop unterlegen. Überall gilt die spätere Änderung; entscheiden Sie, ob sie bleibt oder der andere Wert übernommen wird.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln values lost to a change made at the same time on another laptop. The later change was kept everywhere; choose for each whether it stays or the other value is taken.</source>
        <translation>
            <numerusform>%Ln Wert ist einer gleichzeitigen Änderung auf einem anderen Laptop unterlegen. Überall gilt die spätere Änderung; entscheiden Sie, ob sie bleibt oder der andere Wert übernommen wird.</numerusform>
            <numerusform>%Ln Werte sind gleichzeitigen Änderungen auf anderen Laptops unterlegen. Überall gilt jeweils die spätere Änderung; entscheiden Sie für jeden Wert, ob sie bleibt oder der andere Wert übernommen wird.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsultantCardDialog</name>
    <message>
        <source>Your contact details — {app}</source>
        <translation>Ihre Kontaktdaten — {app}</translation>
    </message>
    <message>
        <source>Every dossier ends with a contact page for the investor: your name, role, e-mail and phone, and a QR code that saves them on a phone. Enter them once here; Settings (Ctrl+,) changes them later.</source>
        <translation>Jedes Dossier endet mit einer Kontaktseite für den Investor: Ihr Name, Ihre Funktion, E-Mail-Adresse und Telefonnummer sowie ein QR-Code, der diese Angaben auf einem Smartphone speichert. Geben Sie sie hier einmal ein; unter Einstellungen (Strg+,) können Sie sie später ändern.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e.g. Anna Berger</source>
        <translation>z. B. Anna Berger</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>e.g. Investor consultant</source>
        <translation>z. B. Investorenberaterin</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>e.g. Invest Region Leipzig</source>
        <translation>z. B. Invest Region Leipzig</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
</context>
<context>
    <name>CountryField</name>
    <message>
        <source>Country: a name or an ISO code, in English or German</source>
        <translation>Land: ein Name oder ISO-Code, auf Deutsch oder Englisch</translation>
    </message>
    <message>
        <source>e.g. Germany, Deutschland, DE or USA</source>
        <translation>z. B. Deutschland, Germany, DE oder USA</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD or DD.MM.YYYY · empty: no date</source>
        <translation>TT.MM.JJJJ oder JJJJ-MM-TT · leer: kein Datum</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>Kalender…</translation>
    </message>
    <message>
        <source>{field}: choose in a calendar</source>
        <translation>{field}: im Kalender auswählen</translation>
    </message>
    <message>
        <source>“{text}” is not a date: type 2026-03-15 or 15.03.2026, or leave it empty.</source>
        <translation>„{text}“ ist kein Datum: Geben Sie 15.03.2026 oder 2026-03-15 ein, oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>ddd d MMMM yyyy</source>
        <comment>QLocale date format of the spelled-out date</comment>
        <translation>ddd, d. MMMM yyyy</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>kein Datum</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>edit</source>
        <translation>bearbeiten</translation>
    </message>
    <message>
        <source>+ add</source>
        <translation>+ hinzufügen</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <source>older than the English</source>
        <translation>älter als das Englische</translation>
    </message>
    <message>
        <source>founded {year}</source>
        <translation>gegründet {year}</translation>
    </message>
    <message>
        <source>Space offered</source>
        <translation>Flächenangebot</translation>
    </message>
    <message>
        <source>{availability} from {date}</source>
        <translation>{availability} ab {date}</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>löschen</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <source>Verified {date}</source>
        <translation>Geprüft am {date}</translation>
    </message>
    <message>
        <source>Never verified</source>
        <translation>Nie geprüft</translation>
    </message>
    <message>
        <source>Source unknown</source>
        <translation>Quelle unbekannt</translation>
    </message>
    <message>
        <source>Source: {source}, published {date}</source>
        <translation>Quelle: {source}, veröffentlicht {date}</translation>
    </message>
    <message>
        <source>Source: {source}, accessed {date}</source>
        <translation>Quelle: {source}, abgerufen {date}</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Quelle: {source}</translation>
    </message>
    <message numerus="yes">
        <source>as of {date} — older than %n months</source>
        <translation>
            <numerusform>Stand: {date} — älter als %n Monat</numerusform>
            <numerusform>Stand: {date} — älter als %n Monate</numerusform>
        </translation>
    </message>
    <message>
        <source>undated in source</source>
        <translation>in der Quelle undatiert</translation>
    </message>
    <message>
        <source>as of {date}</source>
        <translation>Stand: {date}</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Shareable</source>
        <translation>Weitergabe erlaubt</translation>
    </message>
    <message>
        <source>published contact, may go into a dossier</source>
        <translation>veröffentlichter Kontakt, darf ins Dossier</translation>
    </message>
    <message>
        <source>Internal only</source>
        <translation>Nur intern</translation>
    </message>
    <message>
        <source>never exported to a dossier</source>
        <translation>wird nie in ein Dossier exportiert</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>{app} {version}
The investor consultants&apos; desk for the Leipzig life-sciences cluster.

Database: {path}</source>
        <translation>{app} {version}
Der Arbeitsplatz der Investorenberatung für den Life-Sciences-Cluster Leipzig.

Datenbank: {path}</translation>
    </message>
    <message>
        <source>Details were written to:</source>
        <translation>Einzelheiten stehen in:</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Something went wrong that Dossier Desk did not expect ({kind}: {error}). Your data is safe; the last action may not have completed.</source>
        <translation>Etwas ist schiefgegangen, womit Dossier Desk nicht gerechnet hat ({kind}: {error}). Ihre Daten sind sicher; die letzte Aktion wurde möglicherweise nicht abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>1 relation</source>
        <translation>1 Beziehung</translation>
    </message>
    <message>
        <source>{count} relations</source>
        <translation>{count} Beziehungen</translation>
    </message>
    <message>
        <source>1 figure</source>
        <translation>1 Kennzahl</translation>
    </message>
    <message>
        <source>{count} figures</source>
        <translation>{count} Kennzahlen</translation>
    </message>
    <message>
        <source>1 space offer</source>
        <translation>1 Flächenangebot</translation>
    </message>
    <message>
        <source>{count} space offers</source>
        <translation>{count} Flächenangebote</translation>
    </message>
    <message>
        <source>Delete entity</source>
        <translation>Eintrag löschen</translation>
    </message>
    <message>
        <source>Delete “{name}”? With it go: {goes}. Edit ▸ Undo (Ctrl+Z) puts it back while the window is open.</source>
        <translation>„{name}“ löschen? Mitgelöscht: {goes}. Bearbeiten ▸ Rückgängig (Strg+Z) stellt den Eintrag wieder her, solange das Fenster geöffnet ist.</translation>
    </message>
    <message>
        <source>nothing else</source>
        <translation>nichts weiter</translation>
    </message>
    <message>
        <source>Dossier Desk data.xlsx</source>
        <comment>the suggested file name</comment>
        <translation>Dossier Desk Daten.xlsx</translation>
    </message>
    <message>
        <source>Data (*.xlsx *.json *.csv)</source>
        <translation>Daten (*.xlsx *.json *.csv)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <source>Written: {files}</source>
        <translation>Gespeichert: {files}</translation>
    </message>
</context>
<context>
    <name>EditSteps</name>
    <message>
        <source>The change was not saved</source>
        <translation>Die Änderung wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>EditorTracking</name>
    <message>
        <source>To export a dossier, open a brief: choose a prospect here, then Open (or New brief), and use File ▸ Export again or the brief&apos;s Export PDF… button.</source>
        <translation>Um ein Dossier zu exportieren, öffnen Sie ein Briefing: Wählen Sie hier einen Interessenten, dann „Öffnen“ (oder „Neues Briefing“), und wählen Sie erneut Datei ▸ Dossier exportieren oder im Briefing „PDF exportieren…“.</translation>
    </message>
</context>
<context>
    <name>EntityCommands</name>
    <message>
        <source>Edit {name}</source>
        <translation>{name} bearbeiten</translation>
    </message>
    <message>
        <source>Create {name}</source>
        <translation>{name} anlegen</translation>
    </message>
    <message>
        <source>The new entity “{name}” was taken back (Undo). Edit ▸ Redo (Ctrl+Shift+Z) creates it again.</source>
        <translation>Der neue Eintrag „{name}“ wurde zurückgenommen (Rückgängig). Bearbeiten ▸ Wiederholen (Strg+Umschalt+Z) legt ihn wieder an.</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} löschen</translation>
    </message>
    <message>
        <source>“{name}” was deleted. Edit ▸ Undo (Ctrl+Z) puts it back.</source>
        <translation>„{name}“ wurde gelöscht. Bearbeiten ▸ Rückgängig (Strg+Z) stellt den Eintrag wieder her.</translation>
    </message>
</context>
<context>
    <name>EntityDetailView</name>
    <message>
        <source>Not in the current results: the search or the filters changed. Clear them (Ctrl+Shift+K) to see it listed again.</source>
        <translation>Nicht in den aktuellen Ergebnissen: Die Suche oder die Filter haben sich geändert. Setzen Sie sie zurück (Strg+Umschalt+K), damit der Eintrag wieder in der Liste erscheint.</translation>
    </message>
    <message>
        <source>Select an entity to see what it offers, its key figures with sources, its contacts and how it relates to the rest of the cluster.</source>
        <translation>Wählen Sie einen Eintrag, um zu sehen, was er bietet, seine Kennzahlen mit Quellen, seine Ansprechpartner und seine Beziehungen im Cluster.</translation>
    </message>
    <message>
        <source>Entity details</source>
        <translation>Eintragsdetails</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>Edit entity</source>
        <translation>Eintrag bearbeiten</translation>
    </message>
    <message>
        <source>New entity</source>
        <translation>Neuer Eintrag</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Short name or acronym</source>
        <translation>Kurzname oder Abkürzung</translation>
    </message>
    <message>
        <source>Identifier (slug), e.g. fraunhofer-izi</source>
        <translation>Kennung (Slug), z. B. fraunhofer-izi</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Location as the source gives it</source>
        <translation>Ort, wie ihn die Quelle angibt</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Year, e.g. 1997</source>
        <translation>Jahr, z. B. 1997</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Branchen</translation>
    </message>
    <message>
        <source>Tags and certifications</source>
        <translation>Schlagwörter und Zertifizierungen</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>Gegründet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sectors&lt;/b&gt;</source>
        <translation>&lt;b&gt;Branchen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tags and certifications&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schlagwörter und Zertifizierungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>Der Name fehlt.</translation>
    </message>
    <message>
        <source>“{slug}” is already used by {name}.</source>
        <translation>„{slug}“ wird bereits von {name} verwendet.</translation>
    </message>
    <message>
        <source>Possible duplicate of: {names}. Save anyway if it is a different organisation.</source>
        <translation>Möglicherweise doppelt: {names}. Speichern Sie trotzdem, wenn es eine andere Organisation ist.</translation>
    </message>
    <message>
        <source>Fix the marked fields first.</source>
        <translation>Korrigieren Sie zuerst die markierten Felder.</translation>
    </message>
</context>
<context>
    <name>EntityTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Branchen</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>ExportCheck</name>
    <message>
        <source>Before you export — {app}</source>
        <translation>Vor dem Exportieren — {app}</translation>
    </message>
    <message>
        <source>Please review before the dossier goes out:</source>
        <translation>Bitte prüfen Sie vor dem Versand des Dossiers:</translation>
    </message>
    <message>
        <source>Nothing to review: every figure is current and every requirement has evidence.</source>
        <translation>Nichts zu prüfen: Alle Kennzahlen sind aktuell, und jede Anforderung ist belegt.</translation>
    </message>
    <message>
        <source>Optional password to open the PDF (AES-256)</source>
        <translation>Optionales Passwort zum Öffnen der PDF-Datei (AES-256)</translation>
    </message>
    <message>
        <source>Optional password</source>
        <translation>Optionales Passwort</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <source>Export without your contact details? — {app}</source>
        <translation>Ohne Ihre Kontaktdaten exportieren? — {app}</translation>
    </message>
    <message>
        <source>Your contact details are empty, so the dossier&apos;s contact page would show only a QR code: no name, no e-mail, no phone. The investor would not know whom to contact.</source>
        <translation>Ihre Kontaktdaten sind leer, daher zeigt die Kontaktseite des Dossiers nur einen QR-Code: keinen Namen, keine E-Mail-Adresse, keine Telefonnummer. Der Investor wüsste nicht, an wen er sich wenden soll.</translation>
    </message>
    <message>
        <source>Enter them under Briefs ▸ Your contact details…, or export anyway.</source>
        <translation>Geben Sie sie unter Briefings ▸ Ihre Kontaktdaten… ein, oder exportieren Sie trotzdem.</translation>
    </message>
    <message>
        <source>Export without contact details</source>
        <translation>Ohne Kontaktdaten exportieren</translation>
    </message>
    <message>
        <source>Writing the dossier…</source>
        <translation>Das Dossier wird geschrieben…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing written.</source>
        <translation>Export abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 Seite</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} Seiten</translation>
    </message>
    <message>
        <source>Saved {path} ({pages})</source>
        <translation>{path} gespeichert ({pages})</translation>
    </message>
    <message>
        <source>Dossier saved — {app}</source>
        <translation>Dossier gespeichert — {app}</translation>
    </message>
    <message>
        <source>The dossier was saved as {name}
in {folder}.</source>
        <translation>Das Dossier wurde als {name} gespeichert,
im Ordner {folder}.</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>PDF öffnen</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>Ordner zeigen</translation>
    </message>
</context>
<context>
    <name>FactsTableModel</name>
    <message>
        <source>source unknown</source>
        <translation>Quelle unbekannt</translation>
    </message>
    <message>
        <source>published {date}</source>
        <translation>veröffentlicht {date}</translation>
    </message>
    <message>
        <source>accessed {date}</source>
        <translation>abgerufen {date}</translation>
    </message>
    <message>
        <source>undated in source</source>
        <translation>in der Quelle undatiert</translation>
    </message>
    <message>
        <source>{date} (stale)</source>
        <translation>{date} (veraltet)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Bezug</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>“{quote}”
— {source}</source>
        <translation>„{quote}“
— {source}</translation>
    </message>
    <message>
        <source>Leipzig cluster</source>
        <translation>Cluster Leipzig</translation>
    </message>
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Students</source>
        <translation>Studierende</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>All key figures with source and as-of date</source>
        <translation>Alle Kennzahlen mit Quelle und Stand</translation>
    </message>
    <message>
        <source>Figures to compare in the chart</source>
        <translation>Kennzahlen, die das Diagramm vergleicht</translation>
    </message>
    <message>
        <source>Compare:</source>
        <translation>Vergleichen:</translation>
    </message>
    <message>
        <source>No comparable figures</source>
        <translation>Keine vergleichbaren Kennzahlen</translation>
    </message>
    <message>
        <source>Source: {sources}</source>
        <translation>Quelle: {sources}</translation>
    </message>
    <message>
        <source>Source unknown</source>
        <translation>Quelle unbekannt</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Import of {name}</source>
        <translation>Import von {name}</translation>
    </message>
    <message>
        <source>The import of {name} cannot be undone here: the data changed after it, and those changes would be lost. To go back to the state before the import anyway, restore the backup {backup} with Tools ▸ Restore a backup… (the current data is kept aside).</source>
        <translation>Der Import von {name} lässt sich hier nicht rückgängig machen: Die Daten wurden danach geändert, und diese Änderungen gingen verloren. Um trotzdem zum Stand vor dem Import zurückzukehren, stellen Sie die Sicherung {backup} mit Extras ▸ Sicherung wiederherstellen… wieder her (die aktuellen Daten werden beiseitegelegt).</translation>
    </message>
    <message>
        <source>The import of {name} cannot be redone here: the data changed after it was undone, and those changes would be lost. Import the file again with Data ▸ Import… instead.</source>
        <translation>Der Import von {name} lässt sich hier nicht wiederholen: Die Daten wurden geändert, nachdem er rückgängig gemacht wurde, und diese Änderungen gingen verloren. Importieren Sie die Datei stattdessen mit Daten ▸ Importieren… noch einmal.</translation>
    </message>
    <message>
        <source>Import of {name} undone: the data is as it was before it (backup {backup}). Edit ▸ Redo puts the import back.</source>
        <translation>Import von {name} rückgängig gemacht: Die Daten sind wieder wie vor dem Import (Sicherung {backup}). Bearbeiten ▸ Wiederholen stellt den Import wieder her.</translation>
    </message>
    <message>
        <source>Import of {name} redone.</source>
        <translation>Import von {name} wiederholt.</translation>
    </message>
    <message>
        <source>The import</source>
        <translation>Der Import</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>1 row to add</source>
        <translation>1 Zeile hinzuzufügen</translation>
    </message>
    <message>
        <source>{count} rows to add</source>
        <translation>{count} Zeilen hinzuzufügen</translation>
    </message>
    <message>
        <source>1 row to update</source>
        <translation>1 Zeile zu aktualisieren</translation>
    </message>
    <message>
        <source>{count} rows to update</source>
        <translation>{count} Zeilen zu aktualisieren</translation>
    </message>
    <message>
        <source>1 row rejected</source>
        <translation>1 Zeile abgelehnt</translation>
    </message>
    <message>
        <source>{count} rows rejected</source>
        <translation>{count} Zeilen abgelehnt</translation>
    </message>
    <message>
        <source>1 row unchanged</source>
        <translation>1 Zeile unverändert</translation>
    </message>
    <message>
        <source>{count} rows unchanged</source>
        <translation>{count} Zeilen unverändert</translation>
    </message>
    <message>
        <source>{count} × {action}</source>
        <translation>{count} × {action}</translation>
    </message>
    <message>
        <source>No rows.</source>
        <translation>Keine Zeilen.</translation>
    </message>
    <message>
        <source>add</source>
        <translation>hinzufügen</translation>
    </message>
    <message>
        <source>update</source>
        <translation>aktualisieren</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <source>Space offers</source>
        <translation>Flächenangebote</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Datensatzart</translation>
    </message>
    <message>
        <source>Detect from the file</source>
        <translation>Aus der Datei erkennen</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>Zeichenkodierung</translation>
    </message>
    <message>
        <source>Detect encoding</source>
        <translation>Kodierung erkennen</translation>
    </message>
    <message>
        <source>Column mapping: file column to field</source>
        <translation>Spaltenzuordnung: Spalte der Datei zu Feld</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Preview (dry run)</source>
        <translation>Vorschau (Probelauf)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Changes or problems</source>
        <translation>Änderungen oder Probleme</translation>
    </message>
    <message>
        <source>Import dry run, row by row</source>
        <translation>Probelauf des Imports, Zeile für Zeile</translation>
    </message>
    <message>
        <source>Import the accepted rows and leave the rejected ones out</source>
        <translation>Angenommene Zeilen importieren, abgelehnte weglassen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Columns&lt;/b&gt; — which field each column of the file fills</source>
        <translation>&lt;b&gt;Spalten&lt;/b&gt; – welches Feld jede Spalte der Datei füllt</translation>
    </message>
    <message>
        <source>Data files (*.csv *.xlsx *.json)</source>
        <translation>Datendateien (*.csv *.xlsx *.json)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Die Datei wird gelesen…</translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation>(Spalte ignorieren)</translation>
    </message>
    <message>
        <source>Check the columns, then Preview. Nothing is written before Apply.</source>
        <translation>Prüfen Sie die Spalten, dann „Vorschau“. Vor „Übernehmen“ wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Jede Zeile wird geprüft…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} updated, {skipped} left out.</source>
        <translation>Importiert: {added} hinzugefügt, {updated} aktualisiert, {skipped} weggelassen.</translation>
    </message>
    <message>
        <source>The backup taken first is {name}: Edit ▸ Undo (Ctrl+Z) in the main window puts it back, and so does Tools ▸ Restore a backup…</source>
        <translation>Vorher wurde die Sicherung {name} angelegt: Bearbeiten ▸ Rückgängig (Strg+Z) im Hauptfenster stellt sie wieder her, ebenso Extras ▸ Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Nothing needed writing.</source>
        <translation>Es musste nichts geschrieben werden.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>Select an item to see why it was suggested.</source>
        <translation>Wählen Sie einen Eintrag, um zu sehen, warum er vorgeschlagen wurde.</translation>
    </message>
    <message>
        <source>Note for the investor, printed with this item</source>
        <translation>Notiz für den Investor, wird mit diesem Eintrag gedruckt</translation>
    </message>
    <message>
        <source>Note for the investor (printed in the dossier)</source>
        <translation>Notiz für den Investor (wird im Dossier gedruckt)</translation>
    </message>
    <message>
        <source>Nothing included serves it</source>
        <translation>Kein aufgenommener Eintrag erfüllt sie</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>Anforderung</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Requirements and the evidence that serves them</source>
        <translation>Anforderungen und die Belege, die sie erfüllen</translation>
    </message>
    <message>
        <source>Requirements and evidence</source>
        <translation>Anforderungen und Belege</translation>
    </message>
    <message>
        <source>{entities} and {figures} will be printed.</source>
        <translation>{entities} und {figures} werden gedruckt.</translation>
    </message>
    <message>
        <source>1 entity</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>{count} entities</source>
        <translation>{count} Einträge</translation>
    </message>
    <message>
        <source>1 key figure</source>
        <translation>1 Kennzahl</translation>
    </message>
    <message>
        <source>{count} key figures</source>
        <translation>{count} Kennzahlen</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Team server address</source>
        <translation>Adresse des Team-Servers</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Keep the password in the system keyring</source>
        <translation>Passwort im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Konflikte…</translation>
    </message>
    <message>
        <source>This database is not part of a team. Enter the team server&apos;s address and your password (from whoever runs the server), then Check and Join.</source>
        <translation>Diese Datenbank gehört zu keinem Team. Geben Sie die Adresse des Team-Servers und Ihr Passwort ein (von der Person, die den Server betreibt), dann „Prüfen“ und „Beitreten“.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nie</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict to settle</source>
        <translation>
            <numerusform>%Ln Konflikt zu klären</numerusform>
            <numerusform>%Ln Konflikte zu klären</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflicts to settle</source>
        <translation>
            <numerusform>%Ln Konflikt zu klären</numerusform>
            <numerusform>%Ln Konflikte zu klären</numerusform>
        </translation>
    </message>
    <message>
        <source>This database belongs to the team at
{team}
as {member}.

Last sync: {last} · {waiting} · {conflicts}.</source>
        <translation>Diese Datenbank gehört zum Team unter
{team}
als {member}.

Letzte Synchronisierung: {last} · {waiting} · {conflicts}.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Joined. {received} records received, {sent} changes uploaded.</source>
        <translation>Beigetreten. {received} Datensätze empfangen, {sent} Änderungen hochgeladen.</translation>
    </message>
    <message>
        <source>Joining the team…</source>
        <translation>Beitritt zum Team…</translation>
    </message>
</context>
<context>
    <name>LazyTabs</name>
    <message>
        <source>Views: entities, key figures and prospects</source>
        <translation>Ansichten: Einträge, Kennzahlen und Interessenten</translation>
    </message>
    <message>
        <source>Switch view</source>
        <translation>Ansicht wechseln</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Interessenten</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the knowledge base…</source>
        <translation>Die Wissensbasis wird geöffnet…</translation>
    </message>
    <message>
        <source>Copied “{name}”.</source>
        <translation>„{name}“ kopiert.</translation>
    </message>
    <message>
        <source>Cannot open the knowledge base — see the message</source>
        <translation>Die Wissensbasis lässt sich nicht öffnen — siehe Meldung</translation>
    </message>
    <message>
        <source>The knowledge base could not be opened</source>
        <translation>Die Wissensbasis konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot open the knowledge base</source>
        <translation>Wissensbasis lässt sich nicht öffnen</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>The automatic backup failed</source>
        <translation>Die automatische Sicherung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Gesichert in {path}</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Database check</source>
        <translation>Datenbankprüfung</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>There are no backups of this database yet.</source>
        <translation>Von dieser Datenbank gibt es noch keine Sicherungen.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the current data with the backup of {when}? The current file is kept aside, not deleted.</source>
        <translation>Die aktuellen Daten durch die Sicherung vom {when} ersetzen? Die aktuelle Datei wird beiseitegelegt, nicht gelöscht.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Wiederherstellen fehlgeschlagen</translation>
    </message>
    <message>
        <source>The data it replaced was kept as {name} in {folder}.</source>
        <translation>Die ersetzten Daten wurden als {name} in {folder} aufbewahrt.</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>Restored from the backup {name}.</source>
        <translation>Aus der Sicherung {name} wiederhergestellt.</translation>
    </message>
    <message>
        <source>Edits made before the restore can no longer be undone.</source>
        <translation>Änderungen von vor der Wiederherstellung lassen sich nicht mehr rückgängig machen.</translation>
    </message>
    <message>
        <source>Restore the latest good backup?</source>
        <translation>Die neueste intakte Sicherung wiederherstellen?</translation>
    </message>
    <message>
        <source>A backup from {when} passes its check. Restore it? The damaged file is kept aside.</source>
        <translation>Die Sicherung vom {when} besteht die Prüfung. Wiederherstellen? Die beschädigte Datei wird beiseitegelegt.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Backup:</source>
        <translation>Sicherung:</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Navigator: filter by kind, sector and certification</source>
        <translation>Navigator: nach Art, Branche und Zertifizierung filtern</translation>
    </message>
    <message>
        <source>Kinds and sectors</source>
        <translation>Arten und Branchen</translation>
    </message>
    <message>
        <source>Certifications and tags</source>
        <translation>Zertifizierungen und Schlagwörter</translation>
    </message>
    <message>
        <source>Filter by {tag}</source>
        <translation>Nach {tag} filtern</translation>
    </message>
    <message>
        <source>All entities  ({count})</source>
        <translation>Alle Einträge  ({count})</translation>
    </message>
    <message>
        <source>All entities</source>
        <translation>Alle Einträge</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>Arten</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Branchen</translation>
    </message>
</context>
<context>
    <name>NeedsCheckingDialog</name>
    <message>
        <source>Needs checking (not verified in 1 month)</source>
        <translation>Prüfung fällig (seit 1 Monat nicht geprüft)</translation>
    </message>
    <message>
        <source>Needs checking (not verified in {count} months)</source>
        <translation>Prüfung fällig (seit {count} Monaten nicht geprüft)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Last verified</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>Records that need checking</source>
        <translation>Zu prüfende Datensätze</translation>
    </message>
    <message>
        <source>Mark verified</source>
        <translation>Als geprüft markieren</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Nothing to check.</source>
        <translation>Nichts zu prüfen.</translation>
    </message>
    <message>
        <source>1 record or figure to check.</source>
        <translation>1 Eintrag oder Kennzahl zu prüfen.</translation>
    </message>
    <message>
        <source>{count} records and figures to check.</source>
        <translation>{count} Einträge und Kennzahlen zu prüfen.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Dossier preview</source>
        <translation>Vorschau des Dossiers</translation>
    </message>
    <message>
        <source>Press Preview to see the dossier as it will be printed.</source>
        <translation>Klicken Sie auf „Vorschau“, um das Dossier so zu sehen, wie es gedruckt wird.</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Preparing the print preview…</source>
        <translation>Die Druckvorschau wird vorbereitet…</translation>
    </message>
    <message>
        <source>Print preview of the dossier</source>
        <translation>Druckvorschau des Dossiers</translation>
    </message>
</context>
<context>
    <name>ProspectDetailPane</name>
    <message>
        <source>This prospect is no longer in the database: it was deleted. The list shows the prospects as they are now.</source>
        <translation>Dieser Interessent ist nicht mehr in der Datenbank: Er wurde gelöscht. Die Liste zeigt die Interessenten im aktuellen Stand.</translation>
    </message>
    <message>
        <source>Select a prospect.</source>
        <translation>Wählen Sie einen Interessenten.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Briefs of this prospect</source>
        <translation>Briefings dieses Interessenten</translation>
    </message>
    <message>
        <source>New brief</source>
        <translation>Neues Briefing</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Delete brief</source>
        <translation>Briefing löschen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Prepared for</source>
        <translation>Erstellt für</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Dossiers sent to this prospect</source>
        <translation>An diesen Interessenten versandte Dossiers</translation>
    </message>
    <message>
        <source>What changed since?</source>
        <translation>Was hat sich seitdem geändert?</translation>
    </message>
    <message>
        <source>Briefs</source>
        <translation>Briefings</translation>
    </message>
    <message>
        <source>Sent register</source>
        <translation>Versandregister</translation>
    </message>
    <message>
        <source>Cannot show the prospect</source>
        <translation>Interessent lässt sich nicht anzeigen</translation>
    </message>
    <message>
        <source>{company} — dossiers use “{code_name}”</source>
        <translation>{company} — Dossiers verwenden „{code_name}“</translation>
    </message>
    <message>
        <source>Country: {country}</source>
        <translation>Land: {country}</translation>
    </message>
    <message>
        <source>Sectors: {sectors}</source>
        <translation>Branchen: {sectors}</translation>
    </message>
    <message>
        <source>Requirements: {requirements}</source>
        <translation>Anforderungen: {requirements}</translation>
    </message>
    <message>
        <source>Needs: {needs}</source>
        <translation>Bedarf: {needs}</translation>
    </message>
    <message>
        <source>Cannot create the brief</source>
        <translation>Briefing lässt sich nicht anlegen</translation>
    </message>
    <message>
        <source>Cannot duplicate the brief</source>
        <translation>Briefing lässt sich nicht duplizieren</translation>
    </message>
    <message>
        <source>Delete the brief “{title}”?</source>
        <translation>Das Briefing „{title}“ löschen?</translation>
    </message>
    <message>
        <source>Cannot delete the brief</source>
        <translation>Briefing lässt sich nicht löschen</translation>
    </message>
    <message>
        <source>Changes since this dossier</source>
        <translation>Änderungen seit diesem Dossier</translation>
    </message>
    <message>
        <source>Nothing in the dossier of {date} has changed in the database since.</source>
        <translation>Am Inhalt des Dossiers vom {date} hat sich in der Datenbank seither nichts geändert.</translation>
    </message>
    <message>
        <source>Since the dossier of {date}:</source>
        <translation>Seit dem Dossier vom {date}:</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>key figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lage</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>space</source>
        <translation>Flächen</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>changed: {fields}</source>
        <translation>geändert: {fields}</translation>
    </message>
</context>
<context>
    <name>ProspectDialog</name>
    <message>
        <source>Prospect</source>
        <translation>Interessent</translation>
    </message>
    <message>
        <source>Company name (confidential)</source>
        <translation>Firmenname (vertraulich)</translation>
    </message>
    <message>
        <source>Code name, e.g. Project Aurora</source>
        <translation>Codename, z. B. Project Aurora</translation>
    </message>
    <message>
        <source>Use the code name in dossiers</source>
        <translation>Codenamen in Dossiers verwenden</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. CAR-T, autologous</source>
        <translation>Durch Kommas getrennt, z. B. CAR-T, autolog</translation>
    </message>
    <message>
        <source>Needs in the investor&apos;s words</source>
        <translation>Bedarf in den Worten des Investors</translation>
    </message>
    <message>
        <source>Printed in briefs; Tab moves on</source>
        <translation>Wird in Briefings gedruckt; Tab springt weiter</translation>
    </message>
    <message>
        <source>Internal notes (never exported)</source>
        <translation>Interne Notizen (werden nie exportiert)</translation>
    </message>
    <message>
        <source>Never leaves the agency</source>
        <translation>Verlässt nie die Agentur</translation>
    </message>
    <message>
        <source>Sectors of interest</source>
        <translation>Branchen von Interesse</translation>
    </message>
    <message>
        <source>Planned activities</source>
        <translation>Geplante Vorhaben</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Anforderungen</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Code name</source>
        <translation>Codename</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Stichwörter</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Interne Notizen</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Branchen</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Vorhaben</translation>
    </message>
    <message>
        <source>Pick at least one sector, so suggestions can be ranked.</source>
        <translation>Wählen Sie mindestens eine Branche, damit Vorschläge gereiht werden können.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to this prospect?</source>
        <translation>Die Änderungen an diesem Interessenten speichern?</translation>
    </message>
    <message>
        <source>The changes cannot be saved yet (see the message in the form). Discard them?</source>
        <translation>Die Änderungen lassen sich noch nicht speichern (siehe Hinweis im Formular). Verwerfen?</translation>
    </message>
</context>
<context>
    <name>ProspectsView</name>
    <message>
        <source>Prospect</source>
        <translation>Interessent</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Prospects</source>
        <translation>Interessenten</translation>
    </message>
    <message>
        <source>Filter prospects by status</source>
        <translation>Interessenten nach Status filtern</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Filter prospects by name</source>
        <translation>Interessenten nach Namen filtern</translation>
    </message>
    <message>
        <source>Filter by name, code name or country</source>
        <translation>Nach Name, Codename oder Land filtern</translation>
    </message>
    <message>
        <source>New prospect…</source>
        <translation>Neuer Interessent…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Cannot show the prospects</source>
        <translation>Interessenten lassen sich nicht anzeigen</translation>
    </message>
    <message>
        <source>Cannot save the prospect</source>
        <translation>Interessent lässt sich nicht speichern</translation>
    </message>
    <message>
        <source>Delete prospect</source>
        <translation>Interessent löschen</translation>
    </message>
    <message>
        <source>Delete {company}? Its briefs and its sent register go with it. Exported PDF files stay where they are.</source>
        <translation>{company} löschen? Die Briefings und das Versandregister werden mitgelöscht. Exportierte PDF-Dateien bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Cannot delete the prospect</source>
        <translation>Interessent lässt sich nicht löschen</translation>
    </message>
</context>
<context>
    <name>RecentDossiers</name>
    <message>
        <source>No dossiers exported from this computer yet</source>
        <translation>Auf diesem Computer wurden noch keine Dossiers exportiert</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>RecordEdits</name>
    <message>
        <source>Edit figure</source>
        <translation>Kennzahl bearbeiten</translation>
    </message>
    <message>
        <source>New figure</source>
        <translation>Neue Kennzahl</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>The label is required.</source>
        <translation>Die Bezeichnung fehlt.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>The unit is required.</source>
        <translation>Die Einheit fehlt.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Quote from the source</source>
        <translation>Zitat aus der Quelle</translation>
    </message>
    <message>
        <source>Figure {label}</source>
        <translation>Kennzahl {label}</translation>
    </message>
    <message>
        <source>Delete figure {label}</source>
        <translation>Kennzahl {label} löschen</translation>
    </message>
    <message>
        <source>New relation</source>
        <translation>Neue Beziehung</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <source>Related entity</source>
        <translation>Verbundener Eintrag</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Übersetzungen</translation>
    </message>
    <message>
        <source>Remove relation</source>
        <translation>Beziehung entfernen</translation>
    </message>
    <message>
        <source>Space offered</source>
        <translation>Flächenangebot</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>From (date)</source>
        <translation>Ab (Datum)</translation>
    </message>
    <message>
        <source>Remove space</source>
        <translation>Flächenangebot entfernen</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Shareable in dossiers (published contact)</source>
        <translation>In Dossiers zeigen (öffentlicher Kontakt)</translation>
    </message>
    <message>
        <source>Edit source</source>
        <translation>Quelle bearbeiten</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>Neue Quelle</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation>Der Titel fehlt.</translation>
    </message>
    <message>
        <source>Publisher or person</source>
        <translation>Herausgeber oder Person</translation>
    </message>
    <message>
        <source>Published (YYYY or YYYY-MM-DD)</source>
        <translation>Veröffentlicht (JJJJ oder JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>Accessed on (YYYY-MM-DD)</source>
        <translation>Abgerufen am (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
</context>
<context>
    <name>RenderSlot</name>
    <message>
        <source>The dossier could not be written</source>
        <translation>Das Dossier konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Remove filter {filter}</source>
        <translation>Filter {filter} entfernen</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <source>&amp;Show details</source>
        <translation>&amp;Details anzeigen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Mark &amp;verified</source>
        <translation>Als &amp;geprüft markieren</translation>
    </message>
    <message>
        <source>&amp;Copy name</source>
        <translation>Namen &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Figures are stale after (months)</source>
        <translation>Kennzahlen veralten nach (Monaten)</translation>
    </message>
    <message>
        <source>Needs checking after (months)</source>
        <translation>Prüfung fällig nach (Monaten)</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>Aufzubewahrende Sicherungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>The window&apos;s language; a dossier&apos;s language is set per brief</source>
        <translation>Die Sprache des Fensters; die Sprache eines Dossiers legen Sie je Briefing fest</translation>
    </message>
    <message>
        <source>Takes effect the next time Dossier Desk starts.</source>
        <translation>Gilt ab dem nächsten Start von Dossier Desk.</translation>
    </message>
    <message>
        <source>Team…</source>
        <translation>Team…</translation>
    </message>
    <message>
        <source>Join a team, or see the team this database syncs with</source>
        <translation>Einem Team beitreten oder das Team anzeigen, mit dem diese Datenbank synchronisiert</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
</context>
<context>
    <name>ShellFrame</name>
    <message>
        <source>Search the knowledge base</source>
        <translation>Wissensbasis durchsuchen</translation>
    </message>
    <message>
        <source>Search institutes, companies, sites, figures…  (Ctrl+K)</source>
        <translation>Institute, Unternehmen, Standorte, Kennzahlen suchen…  (Strg+K)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Go back (Alt+Left)</source>
        <translation>Zurück (Alt+Links)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vorwärts</translation>
    </message>
    <message>
        <source>Go forward (Alt+Right)</source>
        <translation>Vorwärts (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
</context>
<context>
    <name>ShellStart</name>
    <message>
        <source>process {pid} ({program}) on {host}</source>
        <translation>Prozess {pid} ({program}) auf {host}</translation>
    </message>
    <message>
        <source>process {pid} on {host}</source>
        <translation>Prozess {pid} auf {host}</translation>
    </message>
    <message>
        <source>another process</source>
        <translation>einem anderen Prozess</translation>
    </message>
    <message>
        <source>{path} is already open in Dossier Desk under another name (a link to the same file) (held by {holder}). Switch to that window, or close it and start again.</source>
        <translation>{path} ist in Dossier Desk bereits unter einem anderen Namen geöffnet (eine Verknüpfung auf dieselbe Datei; belegt von {holder}). Wechseln Sie zu diesem Fenster, oder schließen Sie es und starten Sie neu.</translation>
    </message>
    <message>
        <source>{path} is already open in Dossier Desk (held by {holder}). Switch to that window, or close it and start again.</source>
        <translation>{path} ist in Dossier Desk bereits geöffnet (belegt von {holder}). Wechseln Sie zu diesem Fenster, oder schließen Sie es und starten Sie neu.</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist. Check the path given with --db.</source>
        <translation>Der Ordner von {path} existiert nicht. Prüfen Sie den mit --db angegebenen Pfad.</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Datenbank lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>Bereits geöffnet</translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>undatiert</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Accessed</source>
        <translation>Abgerufen</translation>
    </message>
    <message>
        <source>Cited by</source>
        <translation>Zitiert von</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Join a team…</source>
        <translation>Einem Team beitreten…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisierung läuft…</translation>
    </message>
    <message>
        <source>Offline — {waiting}</source>
        <translation>Offline — {waiting}</translation>
    </message>
    <message>
        <source>Synced {time}</source>
        <translation>Synchronisiert: {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict</source>
        <translation>
            <numerusform>%Ln Konflikt</numerusform>
            <numerusform>%Ln Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflicts</source>
        <translation>
            <numerusform>%Ln Konflikt</numerusform>
            <numerusform>%Ln Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change waiting</source>
        <translation>
            <numerusform>%Ln Änderung ausstehend</numerusform>
            <numerusform>%Ln Änderungen ausstehend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changes waiting</source>
        <translation>
            <numerusform>%Ln Änderung ausstehend</numerusform>
            <numerusform>%Ln Änderungen ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>Team sync</source>
        <translation>Team-Synchronisierung</translation>
    </message>
    <message>
        <source>Sync with the team now</source>
        <translation>Jetzt mit dem Team synchronisieren</translation>
    </message>
    <message>
        <source>The team server asks for your password (it is kept in the system keyring if there is one):</source>
        <translation>Der Team-Server verlangt Ihr Passwort (es wird im Schlüsselbund des Systems gespeichert, sofern vorhanden):</translation>
    </message>
</context>
<context>
    <name>UpkeepLabels</name>
    <message>
        <source>exactly</source>
        <translation>genau</translation>
    </message>
    <message>
        <source>The value must be a number, e.g. 1500 or 2.5.</source>
        <translation>Der Wert muss eine Zahl sein, z. B. 1500 oder 2,5.</translation>
    </message>
    <message>
        <source>{field} ({language})</source>
        <translation>{field} ({language})</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Key figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <source>Space offer</source>
        <translation>Flächenangebot</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>Interessent</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Brief item</source>
        <translation>Briefing-Position</translation>
    </message>
    <message>
        <source>Sent dossier</source>
        <translation>Versandtes Dossier</translation>
    </message>
    <message>
        <source>Accessed on</source>
        <translation>Abgerufen am</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Comparison group</source>
        <translation>Vergleichsgruppe</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>Gegründet</translation>
    </message>
    <message>
        <source>From entity</source>
        <translation>Von Eintrag</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Related entity</source>
        <translation>Verbundener Eintrag</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Shareable</source>
        <translation>Weitergabe erlaubt</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Zitat</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bezug</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Branchen</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>From (date)</source>
        <translation>Ab (Datum)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Übersetzungen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>To entity</source>
        <translation>Zu Eintrag</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Geprüft von</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Geprüft am</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>taken by hand</source>
        <translation>von Hand angelegt</translation>
    </message>
    <message>
        <source>at start</source>
        <translation>beim Start</translation>
    </message>
    <message>
        <source>automatic, while working</source>
        <translation>automatisch während der Arbeit</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>vor einem Import</translation>
    </message>
    <message>
        <source>before an update of the file</source>
        <translation>vor einer Aktualisierung der Datei</translation>
    </message>
    <message>
        <source>before joining a team</source>
        <translation>vor dem Beitritt zu einem Team</translation>
    </message>
</context>
<context>
    <name>WhyNotPanel</name>
    <message>
        <source>Why not? Look up any entity for this brief</source>
        <translation>Warum nicht? Einen beliebigen Eintrag für dieses Briefing nachschlagen</translation>
    </message>
    <message>
        <source>Look up an entity: why is it not in the brief?</source>
        <translation>Einen Eintrag nachschlagen: Warum ist er nicht im Briefing?</translation>
    </message>
    <message>
        <source>Why not …? Type any name, e.g. Novartis ({key})</source>
        <translation>Warum nicht …? Beliebigen Namen eingeben, z. B. Novartis ({key})</translation>
    </message>
    <message>
        <source>Type the name of any institute, company, site or service to see how it ranks for this investor, what speaks for it and why it is not in the brief.</source>
        <translation>Geben Sie den Namen eines Instituts, Unternehmens, Standorts oder Dienstleisters ein, um zu sehen, wie er für diesen Investor eingestuft wird, was für ihn spricht und warum er nicht im Briefing ist.</translation>
    </message>
    <message>
        <source>Nothing in the knowledge base is called “{query}”. Try another spelling or a shorter part of the name.</source>
        <translation>In der Wissensbasis heißt nichts „{query}“. Versuchen Sie eine andere Schreibweise oder einen kürzeren Teil des Namens.</translation>
    </message>
    <message>
        <source>1 match for “{query}”.</source>
        <translation>1 Treffer für „{query}“.</translation>
    </message>
    <message>
        <source>{count} matches for “{query}”.</source>
        <translation>{count} Treffer für „{query}“.</translation>
    </message>
    <message>
        <source>Add to brief</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add {name} to the brief</source>
        <translation>{name} ins Briefing aufnehmen</translation>
    </message>
    <message>
        <source>Already in the brief, included</source>
        <translation>Bereits im Briefing aufgenommen</translation>
    </message>
    <message>
        <source>Add {name}, included</source>
        <translation>{name} hinzufügen und aufnehmen</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>Punktzahl {score}</translation>
    </message>
    <message>
        <source>ranked {place}</source>
        <translation>Platz {place}</translation>
    </message>
    <message>
        <source>not among the suggestions</source>
        <translation>nicht unter den Vorschlägen</translation>
    </message>
    <message>
        <source>left out of the brief</source>
        <translation>im Briefing weggelassen</translation>
    </message>
    <message>
        <source>Why not: {reason}</source>
        <translation>Warum nicht: {reason}</translation>
    </message>
    <message>
        <source>✓ In the brief, included.</source>
        <translation>✓ Im Briefing aufgenommen.</translation>
    </message>
    <message>
        <source>For it: {reason}</source>
        <translation>Dafür spricht: {reason}</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <source>The look-up failed: {error}</source>
        <translation>Das Nachschlagen ist fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Clear search and filters</source>
        <translation>Suche und Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Entities</source>
        <translation>&amp;Einträge</translation>
    </message>
    <message>
        <source>&amp;Key figures</source>
        <translation>&amp;Kennzahlen</translation>
    </message>
    <message>
        <source>&amp;Prospects and briefs</source>
        <translation>&amp;Interessenten und Briefings</translation>
    </message>
    <message>
        <source>&amp;New prospect…</source>
        <translation>&amp;Neuer Interessent…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;New entity…</source>
        <translation>&amp;Neuer Eintrag…</translation>
    </message>
    <message>
        <source>&amp;Edit entity…</source>
        <translation>Eintrag &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete entity…</source>
        <translation>Eintrag &amp;löschen…</translation>
    </message>
    <message>
        <source>Mark &amp;verified</source>
        <translation>Als &amp;geprüft markieren</translation>
    </message>
    <message>
        <source>&amp;History of this entity…</source>
        <translation>&amp;Verlauf dieses Eintrags…</translation>
    </message>
    <message>
        <source>Needs &amp;checking…</source>
        <translation>Prüfung &amp;fällig…</translation>
    </message>
    <message>
        <source>&amp;Audit journal…</source>
        <translation>Änderungs&amp;protokoll…</translation>
    </message>
    <message>
        <source>&amp;Sources…</source>
        <translation>&amp;Quellen…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport data…</source>
        <translation>Daten e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Team…</translation>
    </message>
    <message>
        <source>S&amp;ync with the team</source>
        <translation>Mit dem Team &amp;synchronisieren</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Konflikte…</translation>
    </message>
    <message>
        <source>Your &amp;contact details…</source>
        <translation>Ihre &amp;Kontaktdaten…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent dossier</source>
        <translation>&amp;Letzte Dossiers öffnen</translation>
    </message>
    <message>
        <source>&amp;Export dossier…</source>
        <translation>Dossier &amp;exportieren…</translation>
    </message>
    <message>
        <source>Print pre&amp;view of the dossier…</source>
        <translation>&amp;Druckvorschau des Dossiers…</translation>
    </message>
    <message>
        <source>Export &amp;changes…</source>
        <translation>Änderungen e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Import changes…</source>
        <translation>Änderungen &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Briefs</source>
        <translation>B&amp;riefings</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>Da&amp;ten</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Check the database</source>
        <translation>Datenbank &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Dossier Desk</source>
        <translation>&amp;Über Dossier Desk</translation>
    </message>
    <message>
        <source>{verb} {step}</source>
        <translation>{verb}: {step}</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>search for it in the search field</source>
        <translation>suchen Sie im Suchfeld danach</translation>
    </message>
    <message>
        <source>use Tools ▸ Check the database</source>
        <translation>nutzen Sie Extras ▸ Datenbank prüfen</translation>
    </message>
    <message>
        <source>use Tools ▸ Restore a backup…</source>
        <translation>nutzen Sie Extras ▸ Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>use Tools ▸ Back up now</source>
        <translation>nutzen Sie Extras ▸ Jetzt sichern</translation>
    </message>
    <message>
        <source>use Data ▸ Import…</source>
        <translation>nutzen Sie Daten ▸ Importieren…</translation>
    </message>
    <message>
        <source>use Data ▸ Export data…</source>
        <translation>nutzen Sie Daten ▸ Daten exportieren…</translation>
    </message>
    <message>
        <source>use the window&apos;s menus</source>
        <translation>nutzen Sie die Menüs des Fensters</translation>
    </message>
    <message>
        <source>“{name}” is no longer in the database. Choose another entity in the list.</source>
        <translation>„{name}“ ist nicht mehr in der Datenbank. Wählen Sie einen anderen Eintrag in der Liste.</translation>
    </message>
    <message>
        <source>This entity is no longer in the database. Choose another entity in the list.</source>
        <translation>Dieser Eintrag ist nicht mehr in der Datenbank. Wählen Sie einen anderen Eintrag in der Liste.</translation>
    </message>
</context>
</TS>
