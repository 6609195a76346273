#pragma once
// Strings of the report editor (context "ReportPanel"): English in the source, marked with
// QT_TRANSLATE_NOOP("ReportPanel", ...) for lupdate, Chinese in
// viewer/i18n/countyread_report_zh_CN.ts (compiled by lrelease into :/i18n/). Like UiText, the
// language is the window's (its UiText's), not an application-wide translator.
#include <QString>

#include "viewer/ui/UiText.h"

namespace countyread::viewer {

// `source` translated for `text`'s language (the source itself in English or when missing).
QString reportTr(const UiText& text, const char* source);

}  // namespace countyread::viewer
