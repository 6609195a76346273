#include "sender/ui/ReportDialog.h"

#include <QDialogButtonBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTextEdit>
#include <QVBoxLayout>

#include "sender/ui/StudyTableModel.h"

namespace countyread::sender::ui {

namespace {
QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }
}  // namespace

ReportDialog::ReportDialog(const StudyStatus& s, const QString& organization, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(QStringLiteral("影像诊断报告 — ") + QString::fromStdString(s.patient_name));
    resize(640, 560);
    QString body = esc(s.report_text).replace("\n", "<br>");
    QString html;
    html += "<h2 style='text-align:center'>" + organization.toHtmlEscaped() + "</h2>";
    html += QStringLiteral("<h3 style='text-align:center'>影像诊断报告</h3>");
    html += QStringLiteral("<p>患者：<b>") + esc(s.patient_name).replace('^', ' ') +
            QStringLiteral("</b>　患者ID：") + esc(s.patient_id) + QStringLiteral("　检查：") +
            esc(s.modality) + " " + esc(s.description) + "</p>";
    if (s.critical)
        html += QStringLiteral("<p style='color:#c62828'><b>危急值：请立即通知临床医生</b></p>");
    html += "<p>" + body + "</p>";
    html += QStringLiteral("<p>报告医师：") + esc(s.signed_by) + QStringLiteral("　签发时间：") +
            StudyTableModel::localTime(s.signed_at).toHtmlEscaped() + "</p>";
    text_ = new QTextEdit(this);
    text_->setReadOnly(true);
    text_->setHtml(html);
    auto* buttons = new QDialogButtonBox(this);
    auto* print = buttons->addButton(QStringLiteral("打印"), QDialogButtonBox::ActionRole);
    auto* close = buttons->addButton(QStringLiteral("关闭"), QDialogButtonBox::RejectRole);
    connect(print, &QPushButton::clicked, this, &ReportDialog::print);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(buttons);
}

QString ReportDialog::html() const { return text_->toHtml(); }

void ReportDialog::printTo(QPrinter& printer) const { text_->document()->print(&printer); }

void ReportDialog::print() {
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() == QDialog::Accepted) printTo(printer);
}

}  // namespace countyread::sender::ui
