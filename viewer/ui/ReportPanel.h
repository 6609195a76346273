#pragma once
// The report editor beside the images: a template picker (the study's best fitting template
// pre-selected), phrases (double-click or Enter inserts at the cursor of the last focused
// field), findings (检查所见), impression (诊断意见), recommendations (建议), the
// critical-finding flag, key images, the signing key and the sign button. It follows where the
// study's report stands (ReportStudyState): a new report (optionally a preliminary for
// two-level signing), verifying another radiologist's preliminary (审核), or an addendum to the
// signed report (补充/更正). MainWindow signs what reportText() returns.
#include <QWidget>
#include <functional>
#include <string>
#include <vector>

#include "viewer/core/InstanceRow.h"
#include "viewer/core/ReportStudyState.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ReportText.h"
#include "viewer/ui/UiText.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextEdit;

namespace countyread::viewer {

class ServerClient;

class ReportPanel : public QWidget {
    Q_OBJECT
public:
    using Mode = ReportStudyState::Mode;

    explicit ReportPanel(const UiText& text, QWidget* parent = nullptr);

    // The logged-in client: the panel asks the server through a ReportApi of its own (same
    // URL and session). Without one the panel is a plain new-report editor.
    void setClient(ServerClient* client) { client_ = client; }
    // A study was opened: clears the editor, loads templates and where its report stands.
    void setStudy(const std::string& study_uid, const std::string& modality = {},
                  const std::string& body_part = {});
    Mode mode() const { return state_.mode; }
    const ReportStudyState& studyState() const { return state_; }

    // What signing sends: the text, its kind (report, preliminary, verified, addendum), the
    // predecessor and the key images.
    ReportText reportText() const;
    bool criticalFinding() const;
    // After a successful signature: clears the editor and reloads the study's report state.
    void clearReport();

    // Templates: the picker's current entry, applying one (asks before replacing text).
    int currentTemplate() const;
    bool applyTemplate(int index);
    // Asked before a template replaces typed text (a message box by default; tests answer).
    using Confirm = std::function<bool(const QString& question)>;
    void setConfirm(Confirm confirm) { confirm_ = std::move(confirm); }
    // Inserts a phrase at the cursor of the last focused text field (findings by default).
    void insertPhrase(const QString& phrase);

    // Two-level signing: sign the new report as a preliminary for a senior to verify.
    bool preliminary() const;
    void setPreliminary(bool preliminary);

    // Key images: the main window answers keyImageRequested() with the image shown.
    void addKeyImage(const InstanceRow& image);
    std::vector<InstanceRow> keyImages() const { return key_images_; }
    void removeKeyImage(int index);

    // Key file, password, optional certificate file (its PEM text is read when signing).
    QString keyPath() const;
    void setKeyPath(const QString& path);
    QString keyPassword() const;
    void setKeyPassword(const QString& password);
    QString certificatePath() const;
    void setCertificatePath(const QString& path);

    void setStudyLabel(const QString& label);
    // The server's "sign it as preliminary" refusal ticks the preliminary box for the retry.
    void setStatus(const QString& status);
    void setSignEnabled(bool enabled);
    // The fixed labels again in the UiText's new language (ReportPanelLanguage.cpp); `previous`
    // is the language they show now.
    void retranslate(const UiText& previous);

    // The editor's parts, for tests and the main window's focus handling.
    QPlainTextEdit* findingsEdit() const { return findings_; }
    QPlainTextEdit* impressionEdit() const { return impression_; }
    QTextEdit* recommendationsEdit() const { return recommendations_; }
    QTextEdit* addendumEdit() const { return addendum_; }
    QTextEdit* currentReportView() const { return current_; }
    QComboBox* templatePicker() const { return templates_; }
    QListWidget* phraseList() const { return phrases_; }
    QListWidget* keyImageList() const { return key_list_; }
    QPushButton* signButton() const { return sign_; }

signals:
    void signRequested();
    void keyImageRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString rt(const char* source) const;
    void clearEditor();
    void showMode();
    void showPhrases(int index);
    void fillFrom(const dicom::ParsedReport& report);
    bool hasText() const;
    void requestSign();

    const UiText& text_;
    ServerClient* client_ = nullptr;
    std::string study_uid_, modality_, body_part_;
    ReportStudyState state_;
    std::vector<InstanceRow> key_images_;
    Confirm confirm_;
    bool sign_enabled_ = false;
    QWidget* last_field_ = nullptr;

    QLabel* study_label_;
    QLabel* mode_label_;
    QComboBox* templates_;
    QListWidget* phrases_;
    QLabel* current_label_;
    QTextEdit* current_;
    QLabel* addendum_label_;
    QTextEdit* addendum_;
    QPlainTextEdit* findings_;
    QPlainTextEdit* impression_;
    QTextEdit* recommendations_;
    QCheckBox* critical_;
    QCheckBox* preliminary_;
    QListWidget* key_list_;
    QLineEdit* key_path_;
    QLineEdit* key_password_;
    QLineEdit* certificate_path_;
    QPushButton* sign_;
    QLabel* status_;
};

}  // namespace countyread::viewer
