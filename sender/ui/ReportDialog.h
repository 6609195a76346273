#pragma once
// A returned report, readable and printable by the technician.
#include <QDialog>

#include "sender/OutboxTypes.h"

class QPrinter;
class QTextEdit;

namespace countyread::sender::ui {

class ReportDialog : public QDialog {
    Q_OBJECT
public:
    ReportDialog(const StudyStatus& study, const QString& organization, QWidget* parent = nullptr);
    QString html() const;
    void printTo(QPrinter& printer) const;

public slots:
    void print();  // asks for a printer

private:
    QTextEdit* text_;
};

}  // namespace countyread::sender::ui
