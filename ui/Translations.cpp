// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTranslations, "switchboard.translations")

void Translations::install()
{
    static bool installed = false;
    if (installed || !QCoreApplication::instance())
        return;
    installed = true;
    // The .qm files are compiled into the binary from translations/*.ts (qt_add_translations).
    auto *english = new QTranslator(QCoreApplication::instance());
    if (english->load(u":/i18n/switchboard_en.qm"_s))
        QCoreApplication::installTranslator(english);
    else
        qCWarning(lcTranslations) << "the English plural forms are missing from the binary";
    auto *local = new QTranslator(QCoreApplication::instance());
    if (QLocale().language() != QLocale::English &&
        local->load(QLocale(), u"switchboard"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(local);
    else
        delete local;
}
