#include "viewer/ui/WorklistTable.h"

#include <QDateTime>
#include <QHeaderView>
#include <algorithm>

#include "viewer/core/PersonName.h"

namespace countyread::viewer {
namespace {

int urgency(const std::string& priority) {
    if (priority == "emergency") return 0;
    if (priority == "urgent") return 1;
    return 2;
}

}  // namespace

WorklistTable::WorklistTable(const UiText& text, QWidget* parent)
    : QTableWidget(parent), text_(text) {
    setColumnCount(7);
    retranslateHeaders();
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setStretchLastSection(true);
    setAlternatingRowColors(true);
    connect(this, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < static_cast<int>(studies_.size())) emit studyActivated(studies_[row]);
    });
}

void WorklistTable::retranslateHeaders() {
    setHorizontalHeaderLabels({text_(UiText::ColPatientName), text_(UiText::ColPatientId),
                               text_(UiText::ColModality), text_(UiText::ColTownship),
                               text_(UiText::ColState), text_(UiText::ColReceived),
                               text_(UiText::ColPriority)});
}

void WorklistTable::retranslate() {
    retranslateHeaders();
    for (int r = 0; r < rowCount() && r < static_cast<int>(studies_.size()); ++r) {
        const StudyRow& s = studies_[static_cast<std::size_t>(r)];
        if (auto* name = item(r, 0))
            name->setText(
                QString::fromStdString(PersonName::display(s.patient_name, text_.chinese())));
        if (auto* state = item(r, 4)) state->setText(text_.state(s.state));
        if (auto* priority = item(r, 6)) priority->setText(text_.priority(s.priority));
    }
}

QString WorklistTable::formatReceived(const std::string& iso8601) {
    QDateTime t = QDateTime::fromString(QString::fromStdString(iso8601), Qt::ISODate);
    if (!t.isValid()) return QString::fromStdString(iso8601);
    return t.toLocalTime().toString(QStringLiteral("MM-dd HH:mm"));
}

void WorklistTable::setStudies(std::vector<StudyRow> studies) {
    std::stable_sort(studies.begin(), studies.end(), [](const StudyRow& a, const StudyRow& b) {
        if (urgency(a.priority) != urgency(b.priority))
            return urgency(a.priority) < urgency(b.priority);
        return a.received_at < b.received_at;
    });
    studies_ = std::move(studies);
    setRowCount(static_cast<int>(studies_.size()));
    for (int r = 0; r < rowCount(); ++r) {
        const StudyRow& s = studies_[r];
        const QString cells[] = {
            QString::fromStdString(PersonName::display(s.patient_name, text_.chinese())),
            QString::fromStdString(s.patient_id),
            QString::fromStdString(s.modality),
            QString::fromStdString(s.township_name.empty() ? s.township : s.township_name),
            text_.state(s.state),
            formatReceived(s.received_at),
            text_.priority(s.priority),
        };
        for (int c = 0; c < 7; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (s.priority == "emergency") {
                item->setForeground(QColor(200, 0, 0));
            } else if (s.priority == "urgent") {
                item->setForeground(QColor(190, 110, 0));
            }
            if (c == 0) item->setToolTip(QString::fromStdString(s.study_description));
            setItem(r, c, item);
        }
    }
    resizeColumnsToContents();
}

void WorklistTable::select(const std::string& study_uid) {
    for (int r = 0; r < static_cast<int>(studies_.size()); ++r) {
        if (studies_[r].study_uid == study_uid) {
            selectRow(r);
            return;
        }
    }
}

}  // namespace countyread::viewer
