#include "viewer/ui/ReportTr.h"

#include <QTranslator>

namespace countyread::viewer {
namespace {

const QTranslator* chineseTranslator() {
    static QTranslator translator;
    static const bool loaded = [] {
        const bool ok = translator.load(QStringLiteral(":/i18n/countyread_report_zh_CN.qm"));
        if (!ok) qWarning("countyread-viewer: the report editor's Chinese translation is missing");
        return ok;
    }();
    return loaded ? &translator : nullptr;
}

}  // namespace

QString reportTr(const UiText& text, const char* source) {
    if (text.chinese()) {
        if (const QTranslator* t = chineseTranslator()) {
            const QString translated = t->translate("ReportPanel", source);
            if (!translated.isEmpty()) return translated;
        }
    }
    return QString::fromUtf8(source);
}

}  // namespace countyread::viewer
