#include "viewer/ui/UiText.h"

#include <QCoreApplication>
#include <QTranslator>

namespace countyread::viewer {
namespace {

// The user-visible strings in English, indexed by UiText::Key. Chinese comes from Qt Linguist:
// viewer/i18n/countyread_zh_CN.ts (update with `cmake --build BUILD --target update_translations`,
// translate in Linguist); lrelease compiles it into the program's resources at build time.
const char* const kSource[] = {
    QT_TRANSLATE_NOOP("UiText", "CountyRead Remote Reading"),
    QT_TRANSLATE_NOOP("UiText", "Worklist"),
    QT_TRANSLATE_NOOP("UiText", "Refresh"),
    QT_TRANSLATE_NOOP("UiText", "Patient name"),
    QT_TRANSLATE_NOOP("UiText", "Patient ID"),
    QT_TRANSLATE_NOOP("UiText", "Modality"),
    QT_TRANSLATE_NOOP("UiText", "Township"),
    QT_TRANSLATE_NOOP("UiText", "State"),
    QT_TRANSLATE_NOOP("UiText", "Received"),
    QT_TRANSLATE_NOOP("UiText", "Priority"),
    QT_TRANSLATE_NOOP("UiText", "Findings"),
    QT_TRANSLATE_NOOP("UiText", "Impression"),
    QT_TRANSLATE_NOOP("UiText", "Critical finding"),
    QT_TRANSLATE_NOOP("UiText", "Sign and send 签名并发送"),
    QT_TRANSLATE_NOOP("UiText", "Private key"),
    QT_TRANSLATE_NOOP("UiText", "Key password"),
    QT_TRANSLATE_NOOP("UiText", "Certificate"),
    QT_TRANSLATE_NOOP("UiText", "Browse…"),
    QT_TRANSLATE_NOOP("UiText", "(from the server)"),
    QT_TRANSLATE_NOOP("UiText", "Report"),
    QT_TRANSLATE_NOOP("UiText", "Double-click a study in the worklist first."),
    QT_TRANSLATE_NOOP("UiText", "Loading…"),
    QT_TRANSLATE_NOOP("UiText", "Loaded"),
    QT_TRANSLATE_NOOP("UiText", "Report signed and sent"),
    QT_TRANSLATE_NOOP("UiText", "Report not accepted"),
    QT_TRANSLATE_NOOP("UiText", "Could not load the study"),
    QT_TRANSLATE_NOOP("UiText", "Choose the private key"),
    QT_TRANSLATE_NOOP("UiText", "Log in"),
    QT_TRANSLATE_NOOP("UiText", "Password:"),
    QT_TRANSLATE_NOOP("UiText", "Login failed"),
    QT_TRANSLATE_NOOP("UiText", "Findings and impression must not be empty."),
    QT_TRANSLATE_NOOP("UiText", "This study has no displayable images."),
    QT_TRANSLATE_NOOP("UiText", "Window (W)"),
    QT_TRANSLATE_NOOP("UiText", "Pan (M)"),
    QT_TRANSLATE_NOOP("UiText", "Zoom (Z)"),
    QT_TRANSLATE_NOOP("UiText", "Probe (P)"),
    QT_TRANSLATE_NOOP("UiText", "Length (L)"),
    QT_TRANSLATE_NOOP("UiText", "Angle (G)"),
    QT_TRANSLATE_NOOP("UiText", "Cobb (C)"),
    QT_TRANSLATE_NOOP("UiText", "CTR (T)"),
    QT_TRANSLATE_NOOP("UiText", "Ellipse (E)"),
    QT_TRANSLATE_NOOP("UiText", "Rectangle (Q)"),
    QT_TRANSLATE_NOOP("UiText", "Arrow (B)"),
    QT_TRANSLATE_NOOP("UiText", "Text (X)"),
    QT_TRANSLATE_NOOP("UiText", "Fit (F)"),
    QT_TRANSLATE_NOOP("UiText", "1:1 (A)"),
    QT_TRANSLATE_NOOP("UiText", "Rotate left ([)"),
    QT_TRANSLATE_NOOP("UiText", "Rotate right (])"),
    QT_TRANSLATE_NOOP("UiText", "Flip H (H)"),
    QT_TRANSLATE_NOOP("UiText", "Flip V (V)"),
    QT_TRANSLATE_NOOP("UiText", "Invert (I)"),
    QT_TRANSLATE_NOOP("UiText", "Cine (Space)"),
    QT_TRANSLATE_NOOP("UiText", "Presets"),
    QT_TRANSLATE_NOOP("UiText", "Overlays (O)"),
    QT_TRANSLATE_NOOP("UiText", "Reset (Ctrl+R)"),
    QT_TRANSLATE_NOOP("UiText", "Series"),
    QT_TRANSLATE_NOOP("UiText", "Delete annotation (Del)"),
    QT_TRANSLATE_NOOP("UiText", "Save annotations"),
    QT_TRANSLATE_NOOP("UiText", "Annotation text:"),
    QT_TRANSLATE_NOOP("UiText", "images loaded"),
    QT_TRANSLATE_NOOP("UiText", "Enhance (D)"),
    QT_TRANSLATE_NOOP("UiText", "MPR"),
    QT_TRANSLATE_NOOP("UiText", "Slab (slices)"),
    QT_TRANSLATE_NOOP("UiText", "MIP"),
    QT_TRANSLATE_NOOP("UiText", "Mean"),
    QT_TRANSLATE_NOOP("UiText", "Axial"),
    QT_TRANSLATE_NOOP("UiText", "Coronal"),
    QT_TRANSLATE_NOOP("UiText", "Sagittal"),
    QT_TRANSLATE_NOOP("UiText", "MPR is not possible"),
    QT_TRANSLATE_NOOP("UiText",
                      "the server does not accept presentation states yet "
                      "(POST /api/v1/studies/{uid}/presentation-states): %1"),
    QT_TRANSLATE_NOOP("UiText", "3D (VR)"),
    QT_TRANSLATE_NOOP("UiText", "3D volume rendering is not possible"),
    QT_TRANSLATE_NOOP("UiText", "3D preset:"),
    QT_TRANSLATE_NOOP("UiText", "Reset view (R)"),
    QT_TRANSLATE_NOOP("UiText",
                      "Left drag: rotate · wheel / right drag: zoom · middle drag: pan · "
                      "1–5: presets · arrows: turn 15° · R: reset"),
    QT_TRANSLATE_NOOP("UiText", "GPU ray casting"),
    QT_TRANSLATE_NOOP("UiText", "CPU ray casting"),
    QT_TRANSLATE_NOOP("UiText", "Priors"),
    QT_TRANSLATE_NOOP("UiText", "Date"),
    QT_TRANSLATE_NOOP("UiText", "Description"),
    QT_TRANSLATE_NOOP("UiText", "No prior studies of this patient."),
    QT_TRANSLATE_NOOP("UiText", "Priors cannot be listed: %1"),
    QT_TRANSLATE_NOOP("UiText", "Open beside the current study"),
    QT_TRANSLATE_NOOP("UiText", "Layout"),
    QT_TRANSLATE_NOOP("UiText", "1×1 single image (Alt+1)"),
    QT_TRANSLATE_NOOP("UiText", "1×2 side by side (Alt+2)"),
    QT_TRANSLATE_NOOP("UiText", "2×1 one above the other (Alt+3)"),
    QT_TRANSLATE_NOOP("UiText", "2×2 four images (Alt+4)"),
    QT_TRANSLATE_NOOP("UiText", "Synchronised scrolling (Alt+S)"),
    QT_TRANSLATE_NOOP("UiText", "Save layout as default for this kind of study"),
    QT_TRANSLATE_NOOP("UiText", "Layout saved for %1 studies: %2"),
    QT_TRANSLATE_NOOP("UiText", "The layout could not be saved"),
    QT_TRANSLATE_NOOP("UiText", "Language"),
    QT_TRANSLATE_NOOP("UiText", "Prior"),
};
static_assert(sizeof(kSource) / sizeof(kSource[0]) == UiText::KeyCount, "one entry per key");

struct Code {
    const char* code;
    const char* text;
};
const Code kStates[] = {
    {"received", QT_TRANSLATE_NOOP("UiText", "received")},
    {"assigned", QT_TRANSLATE_NOOP("UiText", "assigned")},
    {"in_reading", QT_TRANSLATE_NOOP("UiText", "in reading")},
    {"signed", QT_TRANSLATE_NOOP("UiText", "signed")},
    {"delivered", QT_TRANSLATE_NOOP("UiText", "delivered")},
    {"returned", QT_TRANSLATE_NOOP("UiText", "returned for rescan")},
    {"cancelled", QT_TRANSLATE_NOOP("UiText", "cancelled")},
    {"amended", QT_TRANSLATE_NOOP("UiText", "amended")},
};
const Code kPriorities[] = {
    {"routine", QT_TRANSLATE_NOOP("UiText", "routine")},
    {"urgent", QT_TRANSLATE_NOOP("UiText", "urgent")},
    {"emergency", QT_TRANSLATE_NOOP("UiText", "emergency")},
};

std::shared_ptr<QTranslator> loadTranslator(Language language) {
    if (language != Language::Chinese) return nullptr;
    auto translator = std::make_shared<QTranslator>();
    if (!translator->load(QStringLiteral(":/i18n/countyread_zh_CN.qm"))) {
        qWarning("countyread-viewer: the Chinese translation is missing; showing English");
        return nullptr;
    }
    return translator;
}

}  // namespace

UiText::UiText(Language language) : language_(language), translator_(loadTranslator(language)) {}

void UiText::setLanguage(Language language) {
    if (language == language_) return;
    language_ = language;
    translator_ = loadTranslator(language);
}

QString UiText::translate(const char* source) const {
    if (translator_) {
        const QString t = translator_->translate("UiText", source);
        if (!t.isEmpty()) return t;
    }
    return QString::fromUtf8(source);
}

QString UiText::operator()(Key key) const { return translate(kSource[key]); }

QString UiText::state(const std::string& s) const {
    for (const auto& c : kStates)
        if (s == c.code) return translate(c.text);
    return QString::fromStdString(s);
}

QString UiText::priority(const std::string& s) const {
    for (const auto& c : kPriorities)
        if (s == c.code) return translate(c.text);
    return QString::fromStdString(s);
}

Language UiText::parseLanguage(const std::string& code) {
    return code == "en" ? Language::English : Language::Chinese;
}

}  // namespace countyread::viewer
