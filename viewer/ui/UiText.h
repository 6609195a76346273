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
        KeyCount  // keep last
    };

    explicit UiText(Language language = Language::Chinese);
    Language language() const { return language_; }
    bool chinese() const { return language_ == Language::Chinese; }

    QString operator()(Key key) const;
    QString state(const std::string& state) const;        // received -> 已接收
    QString priority(const std::string& priority) const;  // urgent -> 急诊

    // "en" -> English; "zh" and anything else -> Chinese.
    static Language parseLanguage(const std::string& code);

private:
    QString translate(const char* source) const;

    Language language_;
    std::shared_ptr<QTranslator> translator_;
};

}  // namespace countyread::viewer
