#pragma once
// The township technician's window: every study the gateway holds, from 排队中 to 报告已出,
// returned reports openable and printable, and an alert when a report carries a critical
// finding (危急值). It reads the gateway's outbox index (its own process: closing the window
// never stops forwarding) and writes only the acknowledgement of a critical finding.
#include <QMainWindow>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class QFrame;
class QSystemTrayIcon;

namespace countyread::sender {
class LocalDb;
}

namespace countyread::sender::ui {

class StudyTableModel;
class ReportDialog;

class TechnicianWindow : public QMainWindow {
    Q_OBJECT
public:
    TechnicianWindow(std::filesystem::path outbox_dir, QString organization,
                     QWidget* parent = nullptr);
    ~TechnicianWindow() override;

    StudyTableModel& model() { return *model_; }
    QTableView& table() { return *table_; }
    bool criticalBannerVisible() const;
    QString criticalBannerText() const;
    QString summaryText() const;
    // Opens the report of `study_uid` (nullptr when it has none yet).
    ReportDialog* openReport(const std::string& study_uid);
    // Studies whose critical finding the technician was alerted to (once each).
    const std::set<std::string>& alerted() const { return alerted_; }

public slots:
    void refresh();
    void acknowledgeCritical();

signals:
    void criticalFinding(const QString& study_uid, const QString& message);

private:
    void openSelectedReport();
    bool ensureDb();

    std::filesystem::path dir_;
    QString organization_;
    std::unique_ptr<LocalDb> db_;
    StudyTableModel* model_;
    QTableView* table_;
    QLabel* summary_;
    QFrame* banner_;
    QLabel* banner_text_;
    QPushButton* open_report_;
    QTimer* timer_;
    QSystemTrayIcon* tray_ = nullptr;
    std::set<std::string> alerted_;
    std::set<std::string> banner_studies_;
};

}  // namespace countyread::sender::ui
