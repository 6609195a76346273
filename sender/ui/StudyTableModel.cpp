#include "sender/ui/StudyTableModel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>

#include "sender/StatusReport.h"

namespace countyread::sender::ui {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

StudyTableModel::StudyTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void StudyTableModel::setStudies(std::vector<StudyStatus> studies) {
    bool same = studies.size() == studies_.size();
    for (size_t i = 0; same && i < studies.size(); ++i)
        same = studies[i].study_uid == studies_[i].study_uid;
    if (same) {
        studies_ = std::move(studies);
        if (!studies_.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    studies_ = std::move(studies);
    endResetModel();
}

const StudyStatus* StudyTableModel::study(int row) const {
    if (row < 0 || row >= rowCount()) return nullptr;
    return &studies_[static_cast<size_t>(row)];
}

int StudyTableModel::rowOf(const std::string& uid) const {
    for (size_t i = 0; i < studies_.size(); ++i)
        if (studies_[i].study_uid == uid) return static_cast<int>(i);
    return -1;
}

int StudyTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(studies_.size());
}

int StudyTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QColor StudyTableModel::phaseColor(StudyPhase p) {
    switch (p) {
        case StudyPhase::Queued:
            return QColor(0xE0, 0xE0, 0xE0);
        case StudyPhase::Sending:
            return QColor(0xBB, 0xDE, 0xFB);
        case StudyPhase::Delivered:
            return QColor(0xC8, 0xE6, 0xC9);
        case StudyPhase::ReportReady:
            return QColor(0x66, 0xBB, 0x6A);
        case StudyPhase::Failed:
            return QColor(0xEF, 0x9A, 0x9A);
    }
    return Qt::white;
}

QString StudyTableModel::localTime(const std::string& iso) {
    if (iso.empty()) return {};
    auto t = QDateTime::fromString(q(iso), Qt::ISODateWithMs);
    if (!t.isValid()) return q(iso);
    return t.toLocalTime().toString("MM-dd HH:mm");
}

QVariant StudyTableModel::data(const QModelIndex& index, int role) const {
    const StudyStatus* s = study(index.row());
    if (!s) return {};
    const bool emergency = s->priority == Priority::Emergency;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case PriorityCol:
                return emergency ? QStringLiteral("急诊") : QStringLiteral("常规");
            case PatientCol:
                return q(s->patient_name).replace('^', ' ');
            case PatientIdCol:
                return q(s->patient_id);
            case ExamCol:
                return q(s->modality) + " " + q(s->description);
            case StateCol: {
                QString label = q(phaseLabelZh(s->phase));
                if (s->critical) label += QStringLiteral("（危急值）");
                return label;
            }
            case ProgressCol:
                return q(progressText(*s));
            case ReceivedCol:
                return localTime(s->county_received_at);
            case ReportCol:
                if (s->signed_at.empty()) return {};
                return localTime(s->signed_at) + " " + q(s->signed_by);
        }
    }
    if (role == Qt::BackgroundRole && index.column() == StateCol)
        return QBrush(phaseColor(s->phase));
    if (role == Qt::ForegroundRole && emergency && index.column() == PriorityCol)
        return QBrush(QColor(0xC6, 0x28, 0x28));
    if (role == Qt::FontRole && (emergency || s->critical) &&
        (index.column() == PriorityCol || index.column() == StateCol)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole) {
        if (!s->last_error.empty() && s->phase != StudyPhase::Delivered &&
            s->phase != StudyPhase::ReportReady)
            return QStringLiteral("最近错误：") + q(s->last_error);
        return q(s->study_uid);
    }
    if (role == Qt::UserRole) return q(s->study_uid);
    return {};
}

QVariant StudyTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case PriorityCol:
            return QStringLiteral("优先级");
        case PatientCol:
            return QStringLiteral("患者");
        case PatientIdCol:
            return QStringLiteral("患者ID");
        case ExamCol:
            return QStringLiteral("检查");
        case StateCol:
            return QStringLiteral("状态");
        case ProgressCol:
            return QStringLiteral("进度");
        case ReceivedCol:
            return QStringLiteral("县医院接收");
        case ReportCol:
            return QStringLiteral("报告签发");
    }
    return {};
}

}  // namespace countyread::sender::ui
