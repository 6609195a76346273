#pragma once
// The viewer's user-visible strings in Chinese (default) or English, through Qt Linguist: the
// English source strings are in UiText.cpp, the Chinese translation in
// viewer/i18n/countyread_zh_CN.ts, compiled by lrelease into the resources (:/i18n/…qm).
// Each UiText carries its own translator, so the language is a property of the window that
// uses it (and tests can use both) rather than global state.
#include <QString>
#include <memory>

class QTranslator;

namespace countyread::viewer {

enum class Language { Chinese, English };

class UiText {
public:
    enum Key {
        WindowTitle,
        Worklist,
        Refresh,
        ColPatientName,
        ColPatientId,
        ColModality,
        ColTownship,
        ColState,
        ColReceived,
        ColPriority,
        Findings,
        Impression,
        CriticalFinding,
        SignAndSend,
        KeyFile,
        KeyPassword,
        Certificate,
        Browse,
        CertificateFromServer,
        Report,
        NoStudyOpen,
        Loading,
        Loaded,
        ReportSent,
        ReportFailed,
        LoadFailed,
        ChooseKey,
        LoginTitle,
        PasswordPrompt,
        LoginFailed,
        EmptyReport,
        NoImages,
        ToolWindowLevel,
        ToolPan,
        ToolZoom,
        ToolProbe,
        ToolLength,
        ToolAngle,
        ToolCobb,
        ToolCardioThoracic,
        ToolEllipse,
        ToolRectangle,
        ToolArrow,
        ToolText,
        Fit,
        OneToOne,
        RotateLeft,
        RotateRight,
        FlipHorizontal,
        FlipVertical,
        Invert,
        Cine,
        Presets,
        Overlays,
        ResetView,
        Series,
        DeleteAnnotation,
        SaveAnnotations,
        AnnotationText,
        ImagesLoaded,
        Enhance,
        Mpr,
        SlabThickness,
        SlabMip,
        SlabMean,
        MprAxial,
        MprCoronal,
        MprSagittal,
        MprUnavailable,
        SaveUnsupported,
        VolumeRendering,
        VolumeUnavailable,
        VolumePreset,
        VolumeReset,
        VolumeHelp,
        VolumeGpu,
        VolumeCpu,
        Priors,
        ColDate,
        ColDescription,
        NoPriors,
        PriorsUnavailable,
        OpenPrior,
        LayoutMenu,
        Layout1x1,
        Layout1x2,
        Layout2x1,
        Layout2x2,
        SyncScroll,
        SaveLayout,
        LayoutSaved,
        LayoutNotSaved,
        LanguageMenu,
        PriorLabel,
        KeyCount  // keep last
    };

    explicit UiText(Language language = Language::Chinese);
    // Switches the language (the Chinese QTranslator is loaded or dropped); widgets holding
    // this UiText show it after their retranslate().
    void setLanguage(Language language);
    Language language() const { return language_; }
    bool chinese() const { return language_ == Language::Chinese; }

    QString operator()(Key key) const;
    QString state(const std::string& state) const;        // received -> 已接收
    QString priority(const std::string& priority) const;  // urgent -> 急诊

    // "en" -> English; "zh" and anything else -> Chinese.
    static Language parseLanguage(const std::string& code);
    static const char* languageCode(Language language) {
        return language == Language::English ? "en" : "zh";
    }

private:
    QString translate(const char* source) const;

    Language language_;
    std::shared_ptr<QTranslator> translator_;
};

}  // namespace countyread::viewer
