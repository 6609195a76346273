#include "viewer/ui/ReportPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTextEdit>
#include <QVBoxLayout>

#include "viewer/core/ServerClient.h"
#include "viewer/ui/ReportTr.h"

namespace countyread::viewer {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

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

QTextEdit* plainTextEdit(QWidget* parent) {
    auto* edit = new QTextEdit(parent);
    edit->setAcceptRichText(false);
    return edit;
}

QString fieldText(const QWidget* field) {
    if (auto* p = qobject_cast<const QPlainTextEdit*>(field)) return p->toPlainText();
    if (auto* t = qobject_cast<const QTextEdit*>(field)) return t->toPlainText();
    return {};
}

std::string trimmed(const QWidget* field) { return fieldText(field).trimmed().toStdString(); }

}  // namespace

QString ReportPanel::rt(const char* source) const { return reportTr(text_, source); }

ReportPanel::ReportPanel(const UiText& text, QWidget* parent) : QWidget(parent), text_(text) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(text_(UiText::Report)), this));
    study_label_ = new QLabel(text_(UiText::NoStudyOpen), this);
    study_label_->setWordWrap(true);
    layout->addWidget(study_label_);
    mode_label_ = new QLabel(this);
    mode_label_->setWordWrap(true);
    layout->addWidget(mode_label_);

    // The editor scrolls; the key and the sign button stay in view below it.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* editor = new QWidget(scroll);
    auto* fields = new QVBoxLayout(editor);
    fields->setContentsMargins(0, 0, 0, 0);

    auto* template_row = new QHBoxLayout;
    template_row->addWidget(new QLabel(rt(QT_TRANSLATE_NOOP("ReportPanel", "Template")), editor));
    templates_ = new QComboBox(editor);
    templates_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    template_row->addWidget(templates_, 1);
    fields->addLayout(template_row);
    fields->addWidget(new QLabel(
        rt(QT_TRANSLATE_NOOP("ReportPanel", "Phrases (double-click or Enter inserts)")), editor));
    phrases_ = new QListWidget(editor);
    phrases_->setMaximumHeight(110);
    fields->addWidget(phrases_);

    current_label_ = new QLabel(rt(QT_TRANSLATE_NOOP("ReportPanel", "Current report")), editor);
    fields->addWidget(current_label_);
    current_ = plainTextEdit(editor);
    current_->setReadOnly(true);
    current_->setMinimumHeight(120);
    fields->addWidget(current_, 2);

    // findings_ and impression_ are the panel's only QPlainTextEdits, in this order.
    fields->addWidget(new QLabel(text_(UiText::Findings), editor));
    findings_ = new QPlainTextEdit(editor);
    findings_->setMinimumHeight(110);
    fields->addWidget(findings_, 3);
    fields->addWidget(new QLabel(text_(UiText::Impression), editor));
    impression_ = new QPlainTextEdit(editor);
    impression_->setMinimumHeight(70);
    fields->addWidget(impression_, 2);
    fields->addWidget(new QLabel(rt(QT_TRANSLATE_NOOP("ReportPanel", "Recommendations")), editor));
    recommendations_ = plainTextEdit(editor);
    recommendations_->setMinimumHeight(50);
    fields->addWidget(recommendations_, 1);
    addendum_label_ = new QLabel(
        rt(QT_TRANSLATE_NOOP("ReportPanel", "Correction (required): what the addendum changes")),
        editor);
    fields->addWidget(addendum_label_);
    addendum_ = plainTextEdit(editor);
    addendum_->setMinimumHeight(60);
    fields->addWidget(addendum_, 1);

    critical_ = new QCheckBox(text_(UiText::CriticalFinding), editor);
    fields->addWidget(critical_);
    preliminary_ = new QCheckBox(
        rt(QT_TRANSLATE_NOOP("ReportPanel", "Preliminary: a senior verifies it")), editor);
    fields->addWidget(preliminary_);

    fields->addWidget(new QLabel(rt(QT_TRANSLATE_NOOP("ReportPanel", "Key images")), editor));
    key_list_ = new QListWidget(editor);
    key_list_->setMaximumHeight(80);
    fields->addWidget(key_list_);
    auto* key_buttons = new QHBoxLayout;
    auto* add_key = new QPushButton(rt(QT_TRANSLATE_NOOP("ReportPanel", "Add key image")), editor);
    auto* remove_key = new QPushButton(rt(QT_TRANSLATE_NOOP("ReportPanel", "Remove")), editor);
    key_buttons->addWidget(add_key);
    key_buttons->addWidget(remove_key);
    fields->addLayout(key_buttons);
    scroll->setWidget(editor);
    layout->addWidget(scroll, 1);

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

    for (QWidget* field :
         {static_cast<QWidget*>(findings_), static_cast<QWidget*>(impression_),
          static_cast<QWidget*>(recommendations_), static_cast<QWidget*>(addendum_)}) {
        field->installEventFilter(this);
    }
    last_field_ = findings_;
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(this, text_(UiText::Report), question) == QMessageBox::Yes;
    };

    connect(sign_, &QPushButton::clicked, this, [this] { requestSign(); });
    connect(templates_, &QComboBox::currentIndexChanged, this, [this](int i) { showPhrases(i); });
    connect(templates_, &QComboBox::activated, this, [this](int i) { applyTemplate(i); });
    connect(phrases_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { insertPhrase(item->text()); });
    connect(add_key, &QPushButton::clicked, this, &ReportPanel::keyImageRequested);
    connect(remove_key, &QPushButton::clicked, this,
            [this] { removeKeyImage(key_list_->currentRow()); });
    showMode();
}

bool ReportPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn) last_field_ = static_cast<QWidget*>(watched);
    return QWidget::eventFilter(watched, event);
}

void ReportPanel::clearEditor() {
    findings_->clear();
    impression_->clear();
    recommendations_->clear();
    addendum_->clear();
    current_->clear();
    critical_->setChecked(false);
    key_images_.clear();
    key_list_->clear();
    templates_->clear();
    phrases_->clear();
    state_ = ReportStudyState{};
}

void ReportPanel::setStudy(const std::string& study_uid, const std::string& modality,
                           const std::string& body_part) {
    study_uid_ = study_uid;
    modality_ = modality;
    body_part_ = body_part;
    clearEditor();
    if (client_ && !study_uid.empty()) {
        ReportApi api(client_->url(), client_->session());
        state_ = ReportStudyState::load(api, study_uid, modality, body_part, client_->session());
        for (const auto& w : state_.warnings) qWarning("countyread-viewer: %s", w.c_str());
    }
    {
        const QSignalBlocker block(templates_);
        for (const auto& t : state_.templates) templates_->addItem(qs(t.name), qs(t.id));
        templates_->setCurrentIndex(state_.best_template);
    }
    showPhrases(state_.best_template);
    if (state_.existing) fillFrom(*state_.existing);
    // A fresh report starts from the best fitting template (nothing typed yet to replace).
    if (state_.mode == Mode::NewReport && state_.best_template >= 0) {
        applyTemplate(state_.best_template);
    }
    showMode();
}

void ReportPanel::fillFrom(const dicom::ParsedReport& r) {
    findings_->setPlainText(qs(r.findings));
    impression_->setPlainText(qs(r.impression));
    recommendations_->setPlainText(qs(r.recommendations));
    critical_->setChecked(r.critical_finding);
    QString shown = QStringLiteral("%1\n%2\n\n%3\n%4")
                        .arg(text_(UiText::Findings), qs(r.findings), text_(UiText::Impression),
                             qs(r.impression));
    if (!r.recommendations.empty()) {
        shown += QStringLiteral("\n\n%1\n%2")
                     .arg(rt(QT_TRANSLATE_NOOP("ReportPanel", "Recommendations")),
                          qs(r.recommendations));
    }
    if (!r.addendum.empty()) {
        shown += QStringLiteral("\n\n%1\n%2")
                     .arg(rt(QT_TRANSLATE_NOOP("ReportPanel", "Correction")), qs(r.addendum));
    }
    shown += QStringLiteral("\n\n%1: %2")
                 .arg(rt(QT_TRANSLATE_NOOP("ReportPanel", "Author")), qs(r.observer_name));
    if (!r.verifier_name.empty()) {
        shown += QStringLiteral("\n%1: %2")
                     .arg(rt(QT_TRANSLATE_NOOP("ReportPanel", "Verified by")), qs(r.verifier_name));
    }
    current_->setPlainText(shown);
}

void ReportPanel::showMode() {
    const Mode mode = state_.mode;
    QString label;
    QString sign = text_(UiText::SignAndSend);
    switch (mode) {
        case Mode::NewReport:
            label = rt(QT_TRANSLATE_NOOP("ReportPanel", "New report"));
            break;
        case Mode::Verify:
            label = rt(QT_TRANSLATE_NOOP("ReportPanel", "Verify report: preliminary by %1"))
                        .arg(qs(state_.existing->observer_name));
            sign = rt(QT_TRANSLATE_NOOP("ReportPanel", "Verify and sign"));
            break;
        case Mode::AwaitingVerification:
            label = rt(QT_TRANSLATE_NOOP("ReportPanel",
                                         "Preliminary report awaiting a senior's verification"));
            break;
        case Mode::Addendum:
            label = rt(QT_TRANSLATE_NOOP(
                "ReportPanel", "Addendum: the study has a signed report; write the correction"));
            sign = rt(QT_TRANSLATE_NOOP("ReportPanel", "Sign addendum"));
            break;
    }
    mode_label_->setText(QStringLiteral("<b>%1</b>").arg(label.toHtmlEscaped()));
    sign_->setText(sign);
    const bool addendum = mode == Mode::Addendum;
    current_label_->setVisible(addendum);
    current_->setVisible(addendum);
    addendum_label_->setVisible(addendum);
    addendum_->setVisible(addendum);
    preliminary_->setVisible(mode == Mode::NewReport);
    const bool read_only = mode == Mode::AwaitingVerification;
    findings_->setReadOnly(read_only);
    impression_->setReadOnly(read_only);
    recommendations_->setReadOnly(read_only);
    critical_->setEnabled(!read_only);
    sign_->setEnabled(sign_enabled_ && !read_only);
}

void ReportPanel::showPhrases(int index) {
    phrases_->clear();
    if (index < 0 || index >= static_cast<int>(state_.templates.size())) return;
    for (const auto& p : state_.templates[index].phrases) phrases_->addItem(qs(p));
}

bool ReportPanel::hasText() const {
    return !trimmed(findings_).empty() || !trimmed(impression_).empty() ||
           !trimmed(recommendations_).empty();
}

int ReportPanel::currentTemplate() const { return templates_->currentIndex(); }

bool ReportPanel::applyTemplate(int index) {
    if (index < 0 || index >= static_cast<int>(state_.templates.size())) return false;
    if (state_.mode == Mode::AwaitingVerification) return false;
    const ReportTemplate& t = state_.templates[index];
    if (templates_->currentIndex() != index) templates_->setCurrentIndex(index);
    if (hasText() &&
        !confirm_(rt(QT_TRANSLATE_NOOP("ReportPanel",
                                       "Replace the findings, impression and recommendations "
                                       "with the template \"%1\"?"))
                      .arg(qs(t.name)))) {
        return false;
    }
    findings_->setPlainText(qs(t.findings));
    impression_->setPlainText(qs(t.impression));
    recommendations_->setPlainText(qs(t.recommendations));
    return true;
}

void ReportPanel::insertPhrase(const QString& phrase) {
    QWidget* field = last_field_ ? last_field_ : findings_;
    if (auto* p = qobject_cast<QPlainTextEdit*>(field)) {
        if (p->isReadOnly()) return;
        p->insertPlainText(phrase);
    } else if (auto* t = qobject_cast<QTextEdit*>(field)) {
        if (t->isReadOnly()) return;
        t->insertPlainText(phrase);
    }
    field->setFocus();
}

ReportText ReportPanel::reportText() const {
    ReportText r;
    r.findings = trimmed(findings_);
    r.impression = trimmed(impression_);
    r.recommendations = trimmed(recommendations_);
    r.key_images = key_images_;
    switch (state_.mode) {
        case Mode::NewReport:
        case Mode::AwaitingVerification:
            r.kind = preliminary_->isChecked() ? ReportKind::Preliminary : ReportKind::Report;
            break;
        case Mode::Verify:
            r.kind = ReportKind::Verified;
            r.author = dicom::ReportAuthor{"", state_.existing->observer_name, ""};
            r.predecessor = state_.existing_ref;
            break;
        case Mode::Addendum:
            r.kind = ReportKind::Addendum;
            r.predecessor = state_.existing_ref;
            r.addendum = trimmed(addendum_);
            break;
    }
    return r;
}

bool ReportPanel::criticalFinding() const { return critical_->isChecked(); }

void ReportPanel::clearReport() {
    if (study_uid_.empty()) {
        clearEditor();
        showMode();
        return;
    }
    setStudy(study_uid_, modality_, body_part_);  // e.g. now signed: corrections are addenda
}

bool ReportPanel::preliminary() const { return preliminary_->isChecked(); }
void ReportPanel::setPreliminary(bool preliminary) { preliminary_->setChecked(preliminary); }

void ReportPanel::addKeyImage(const InstanceRow& image) {
    for (const auto& k : key_images_) {
        if (k.sop_instance_uid == image.sop_instance_uid) return;
    }
    key_images_.push_back(image);
    QString label = rt(QT_TRANSLATE_NOOP("ReportPanel", "Series %1, image %2"))
                        .arg(image.series_number)
                        .arg(image.instance_number);
    if (!image.series_description.empty())
        label += QStringLiteral("  ") + qs(image.series_description);
    auto* item = new QListWidgetItem(label, key_list_);
    item->setToolTip(qs(image.sop_instance_uid));
}

void ReportPanel::removeKeyImage(int index) {
    if (index < 0 || index >= static_cast<int>(key_images_.size())) return;
    key_images_.erase(key_images_.begin() + index);
    delete key_list_->takeItem(index);
}

void ReportPanel::requestSign() {
    if (state_.mode == Mode::Addendum && trimmed(addendum_).empty()) {
        setStatus(rt(
            QT_TRANSLATE_NOOP("ReportPanel", "Write the correction first: an addendum needs it.")));
        addendum_->setFocus();
        return;
    }
    emit signRequested();
}

QString ReportPanel::keyPath() const { return key_path_->text().trimmed(); }
void ReportPanel::setKeyPath(const QString& path) { key_path_->setText(path); }
QString ReportPanel::keyPassword() const { return key_password_->text(); }
void ReportPanel::setKeyPassword(const QString& password) { key_password_->setText(password); }
QString ReportPanel::certificatePath() const { return certificate_path_->text().trimmed(); }
void ReportPanel::setCertificatePath(const QString& path) { certificate_path_->setText(path); }
void ReportPanel::setStudyLabel(const QString& label) { study_label_->setText(label); }

void ReportPanel::setStatus(const QString& status) {
    QString shown = status;
    if (state_.mode == Mode::NewReport && !preliminary_->isChecked() &&
        status.contains(QStringLiteral("sign it as preliminary"))) {
        preliminary_->setChecked(true);
        shown += QStringLiteral("\n") +
                 rt(QT_TRANSLATE_NOOP("ReportPanel",
                                      "\"Preliminary\" is now ticked: sign again to send it for "
                                      "verification."));
    }
    status_->setText(shown);
}

void ReportPanel::setSignEnabled(bool enabled) {
    sign_enabled_ = enabled;
    sign_->setEnabled(enabled && state_.mode != Mode::AwaitingVerification);
}

}  // namespace countyread::viewer
