#pragma once
// The report panel: findings (检查所见), impression (诊断意见), critical-finding flag, the
// signing key, and the "签名并发送 Sign and send" button.
#include <QWidget>

#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ReportText.h"
#include "viewer/ui/UiText.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace countyread::viewer {

class ReportPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReportPanel(const UiText& text, QWidget* parent = nullptr);

    ReportText reportText() const;
    bool criticalFinding() const;
    void clearReport();

    // Key file, password, optional certificate file (its PEM text is read when signing).
    QString keyPath() const;
    void setKeyPath(const QString& path);
    QString keyPassword() const;
    void setKeyPassword(const QString& password);
    QString certificatePath() const;
    void setCertificatePath(const QString& path);

    void setStudyLabel(const QString& label);
    void setStatus(const QString& status);
    void setSignEnabled(bool enabled);

signals:
    void signRequested();

private:
    const UiText& text_;
    QLabel* study_label_;
    QPlainTextEdit* findings_;
    QPlainTextEdit* impression_;
    QCheckBox* critical_;
    QLineEdit* key_path_;
    QLineEdit* key_password_;
    QLineEdit* certificate_path_;
    QPushButton* sign_;
    QLabel* status_;
};

}  // namespace countyread::viewer
