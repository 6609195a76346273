// ReportPanel::retranslate: the panel's fixed labels and buttons in the UiText's new language.
// Texts the panel builds from the study (mode, sign button) are rebuilt by showMode(); what
// the radiologist typed, the templates and phrases (server data) stay as they are.
#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <optional>

#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/ReportTr.h"

namespace countyread::viewer {
namespace {

// The panel's fixed texts of context "ReportPanel" (as in ReportPanel.cpp).
const char* const kReportSources[] = {
    QT_TRANSLATE_NOOP("ReportPanel", "Template"),
    QT_TRANSLATE_NOOP("ReportPanel", "Phrases (double-click or Enter inserts)"),
    QT_TRANSLATE_NOOP("ReportPanel", "Current report"),
    QT_TRANSLATE_NOOP("ReportPanel", "Recommendations"),
    QT_TRANSLATE_NOOP("ReportPanel", "Correction (required): what the addendum changes"),
    QT_TRANSLATE_NOOP("ReportPanel", "Preliminary: a senior verifies it"),
    QT_TRANSLATE_NOOP("ReportPanel", "Key images"),
    QT_TRANSLATE_NOOP("ReportPanel", "Add key image"),
    QT_TRANSLATE_NOOP("ReportPanel", "Remove"),
};

const UiText::Key kUiKeys[] = {UiText::Report,      UiText::NoStudyOpen,     UiText::Findings,
                               UiText::Impression,  UiText::CriticalFinding, UiText::KeyFile,
                               UiText::KeyPassword, UiText::Certificate,     UiText::Browse};

// `text` in the new language when it is one of the panel's fixed texts in the old one.
std::optional<QString> swapped(const QString& text, const UiText& previous, const UiText& now) {
    for (UiText::Key key : kUiKeys) {
        if (text == previous(key)) return now(key);
        if (text == QStringLiteral("<b>%1</b>").arg(previous(key)))
            return QStringLiteral("<b>%1</b>").arg(now(key));
    }
    for (const char* source : kReportSources)
        if (text == reportTr(previous, source)) return reportTr(now, source);
    return std::nullopt;
}

}  // namespace

void ReportPanel::retranslate(const UiText& previous) {
    for (QLabel* label : findChildren<QLabel*>())
        if (auto t = swapped(label->text(), previous, text_)) label->setText(*t);
    for (QAbstractButton* button : findChildren<QAbstractButton*>())
        if (auto t = swapped(button->text(), previous, text_)) button->setText(*t);
    certificate_path_->setPlaceholderText(text_(UiText::CertificateFromServer));
    showMode();
}

}  // namespace countyread::viewer
