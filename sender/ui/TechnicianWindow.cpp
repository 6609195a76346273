#include "sender/ui/TechnicianWindow.h"

#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "sender/LocalDb.h"
#include "sender/Outbox.h"
#include "sender/ui/ReportDialog.h"
#include "sender/ui/StudyTableModel.h"

namespace countyread::sender::ui {

namespace fs = std::filesystem;

TechnicianWindow::TechnicianWindow(fs::path outbox_dir, QString organization, QWidget* parent)
    : QMainWindow(parent), dir_(std::move(outbox_dir)), organization_(std::move(organization)) {
    setWindowTitle(QStringLiteral("乡镇影像上传 — ") + organization_);
    resize(1100, 520);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    banner_ = new QFrame(central);
    banner_->setObjectName("criticalBanner");
    banner_->setStyleSheet(
        "#criticalBanner { background: #c62828; } QLabel { color: white; "
        "font-weight: bold; font-size: 15px; }");
    auto* banner_layout = new QHBoxLayout(banner_);
    banner_text_ = new QLabel(banner_);
    banner_text_->setWordWrap(true);
    auto* ack = new QPushButton(QStringLiteral("已知晓"), banner_);
    banner_layout->addWidget(banner_text_, 1);
    banner_layout->addWidget(ack);
    connect(ack, &QPushButton::clicked, this, &TechnicianWindow::acknowledgeCritical);
    banner_->hide();
    layout->addWidget(banner_);

    summary_ = new QLabel(central);
    layout->addWidget(summary_);

    model_ = new StudyTableModel(this);
    table_ = new QTableView(central);
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    auto* header = table_->horizontalHeader();
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(80);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StudyTableModel::ExamCol, QHeaderView::Interactive);
    header->resizeSection(StudyTableModel::ExamCol, 220);
    header->setSectionResizeMode(StudyTableModel::StateCol, QHeaderView::Fixed);
    header->resizeSection(StudyTableModel::StateCol, 170);  // room for 报告已出（危急值）
    table_->setAlternatingRowColors(false);
    layout->addWidget(table_, 1);
    connect(table_, &QTableView::doubleClicked, this, [this] { openSelectedReport(); });

    auto* buttons = new QHBoxLayout();
    open_report_ = new QPushButton(QStringLiteral("查看/打印报告"), central);
    open_report_->setEnabled(false);
    connect(open_report_, &QPushButton::clicked, this, [this] { openSelectedReport(); });
    buttons->addStretch(1);
    buttons->addWidget(open_report_);
    layout->addLayout(buttons);
    setCentralWidget(central);

    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        auto rows = table_->selectionModel()->selectedRows();
        const auto* s = rows.isEmpty() ? nullptr : model_->study(rows.first().row());
        open_report_->setEnabled(s && !s->report_file.empty());
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = new QSystemTrayIcon(style()->standardIcon(QStyle::SP_ComputerIcon), this);
        tray_->setToolTip(QStringLiteral("乡镇影像上传"));
        tray_->show();
    }

    timer_ = new QTimer(this);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &TechnicianWindow::refresh);
    timer_->start();
    refresh();
}

TechnicianWindow::~TechnicianWindow() = default;

bool TechnicianWindow::ensureDb() {
    if (db_) return true;
    // Never create an outbox here: only the gateway does that.
    if (!fs::exists(Outbox::databasePath(dir_))) return false;
    try {
        db_ = std::make_unique<LocalDb>(Outbox::databasePath(dir_));
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

void TechnicianWindow::refresh() {
    if (!ensureDb()) {
        summary_->setText(QStringLiteral("等待影像网关启动…（") +
                          QString::fromStdString(dir_.string()) + "）");
        return;
    }
    std::vector<StudyStatus> studies;
    try {
        studies = readStudyStatus(*db_);
    } catch (const std::exception& e) {
        summary_->setText(QStringLiteral("读取状态失败：") + QString::fromUtf8(e.what()));
        return;
    }
    int waiting = 0, delivered = 0, reports = 0, failed = 0;
    QStringList critical_lines;
    banner_studies_.clear();
    for (const auto& s : studies) {
        switch (s.phase) {
            case StudyPhase::Queued:
            case StudyPhase::Sending:
                ++waiting;
                break;
            case StudyPhase::Delivered:
                ++delivered;
                break;
            case StudyPhase::ReportReady:
                ++reports;
                break;
            case StudyPhase::Failed:
                ++failed;
                break;
        }
        if (s.critical && !s.critical_acknowledged) {
            banner_studies_.insert(s.study_uid);
            QString line = QStringLiteral("危急值：") +
                           QString::fromStdString(s.patient_name).replace('^', ' ') +
                           QStringLiteral("（") + QString::fromStdString(s.patient_id) +
                           QStringLiteral("）") +
                           QString::fromStdString(s.modality + " " + s.description) +
                           QStringLiteral(" 的报告含危急值，请立即通知临床医生");
            critical_lines << line;
            if (alerted_.insert(s.study_uid).second) {
                if (tray_)
                    tray_->showMessage(QStringLiteral("危急值报告"), line,
                                       QSystemTrayIcon::Critical, 0);
                QApplication::alert(this);
                emit criticalFinding(QString::fromStdString(s.study_uid), line);
            }
        }
    }
    model_->setStudies(std::move(studies));
    summary_->setText(
        QStringLiteral("待发送 %1 个检查　已送达 %2 个　报告已出 %3 个%4")
            .arg(waiting)
            .arg(delivered)
            .arg(reports)
            .arg(failed ? QStringLiteral("　发送失败 %1 个（请联系县医院管理员）").arg(failed)
                        : QString()));
    banner_text_->setText(critical_lines.join("\n"));
    banner_->setVisible(!critical_lines.isEmpty());
    auto rows = table_->selectionModel()->selectedRows();
    const auto* sel = rows.isEmpty() ? nullptr : model_->study(rows.first().row());
    open_report_->setEnabled(sel && !sel->report_file.empty());
}

void TechnicianWindow::acknowledgeCritical() {
    if (!ensureDb()) return;
    for (const auto& uid : banner_studies_)
        db_->run("UPDATE studies SET critical_ack=1 WHERE study_uid=?", {uid});
    refresh();
}

bool TechnicianWindow::criticalBannerVisible() const { return !banner_->isHidden(); }
QString TechnicianWindow::criticalBannerText() const { return banner_text_->text(); }
QString TechnicianWindow::summaryText() const { return summary_->text(); }

ReportDialog* TechnicianWindow::openReport(const std::string& study_uid) {
    int row = model_->rowOf(study_uid);
    const auto* s = model_->study(row);
    if (!s || s->report_file.empty()) return nullptr;
    auto* dialog = new ReportDialog(*s, organization_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void TechnicianWindow::openSelectedReport() {
    auto rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    const auto* s = model_->study(rows.first().row());
    if (s) openReport(s->study_uid);
}

}  // namespace countyread::sender::ui
