#pragma once
// The technician's study list: one row per study in the gateway's outbox, in Chinese.
#include <QAbstractTableModel>
#include <QColor>
#include <vector>

#include "sender/OutboxTypes.h"

namespace countyread::sender::ui {

class StudyTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PriorityCol,
        PatientCol,
        PatientIdCol,
        ExamCol,
        StateCol,
        ProgressCol,
        ReceivedCol,
        ReportCol,
        ColumnCount
    };

    explicit StudyTableModel(QObject* parent = nullptr);

    // Replaces the rows; keeps views' selections when the studies are the same.
    void setStudies(std::vector<StudyStatus> studies);
    const std::vector<StudyStatus>& studies() const { return studies_; }
    const StudyStatus* study(int row) const;
    int rowOf(const std::string& study_uid) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Background of the state cell, per phase (checked by the screenshot tests).
    static QColor phaseColor(StudyPhase phase);
    // "11-24 16:00" in local time, from ISO 8601 UTC; empty stays empty.
    static QString localTime(const std::string& iso);

private:
    std::vector<StudyStatus> studies_;
};

}  // namespace countyread::sender::ui
