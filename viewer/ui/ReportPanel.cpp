#include "viewer/ui/ReportPanel.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace countyread::viewer {
namespace {

QWidget* withBrowse(QLineEdit* edit, const QString& label, const QString& title, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(label, row);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, title, row] {
        QString file = QFileDialog::getOpenFileName(
            row, title, edit->text(), QStringLiteral("PEM (*.pem *.key *.crt);;* (*)"));
        if (!file.isEmpty()) edit->setText(file);
    });
    return row;
}

}  // namespace

ReportPanel::ReportPanel(const UiText& text, QWidget* parent) : QWidget(parent), text_(text) {
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(text_(UiText::Report)), this);
    layout->addWidget(title);
    study_label_ = new QLabel(text_(UiText::NoStudyOpen), this);
    study_label_->setWordWrap(true);
    layout->addWidget(study_label_);

    layout->addWidget(new QLabel(text_(UiText::Findings), this));
    findings_ = new QPlainTextEdit(this);
    layout->addWidget(findings_, 3);
    layout->addWidget(new QLabel(text_(UiText::Impression), this));
    impression_ = new QPlainTextEdit(this);
    layout->addWidget(impression_, 2);
    critical_ = new QCheckBox(text_(UiText::CriticalFinding), this);
    layout->addWidget(critical_);

    auto* form = new QFormLayout;
    key_path_ = new QLineEdit(this);
    form->addRow(text_(UiText::KeyFile),
                 withBrowse(key_path_, text_(UiText::Browse), text_(UiText::ChooseKey), this));
    key_password_ = new QLineEdit(this);
    key_password_->setEchoMode(QLineEdit::Password);
    form->addRow(text_(UiText::KeyPassword), key_password_);
    certificate_path_ = new QLineEdit(this);
    certificate_path_->setPlaceholderText(text_(UiText::CertificateFromServer));
    form->addRow(text_(UiText::Certificate), withBrowse(certificate_path_, text_(UiText::Browse),
                                                        text_(UiText::Certificate), this));
    layout->addLayout(form);

    sign_ = new QPushButton(text_(UiText::SignAndSend), this);
    sign_->setEnabled(false);
    layout->addWidget(sign_);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);
    connect(sign_, &QPushButton::clicked, this, &ReportPanel::signRequested);
}

ReportText ReportPanel::reportText() const {
    ReportText r;
    r.findings = findings_->toPlainText().trimmed().toStdString();
    r.impression = impression_->toPlainText().trimmed().toStdString();
    return r;
}

bool ReportPanel::criticalFinding() const { return critical_->isChecked(); }

void ReportPanel::clearReport() {
    findings_->clear();
    impression_->clear();
    critical_->setChecked(false);
}

QString ReportPanel::keyPath() const { return key_path_->text().trimmed(); }
void ReportPanel::setKeyPath(const QString& path) { key_path_->setText(path); }
QString ReportPanel::keyPassword() const { return key_password_->text(); }
void ReportPanel::setKeyPassword(const QString& password) { key_password_->setText(password); }
QString ReportPanel::certificatePath() const { return certificate_path_->text().trimmed(); }
void ReportPanel::setCertificatePath(const QString& path) { certificate_path_->setText(path); }
void ReportPanel::setStudyLabel(const QString& label) { study_label_->setText(label); }
void ReportPanel::setStatus(const QString& status) { status_->setText(status); }
void ReportPanel::setSignEnabled(bool enabled) { sign_->setEnabled(enabled); }

}  // namespace countyread::viewer
