#include "viewer/ui/PriorsList.h"

#include <QHeaderView>

#include "viewer/core/OverlayText.h"

namespace countyread::viewer {

PriorsList::PriorsList(const UiText& text, QWidget* parent) : QTreeWidget(parent), text_(text) {
    setObjectName(QStringLiteral("priorsList"));
    setColumnCount(3);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    retranslate();
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        const int i = indexOfTopLevelItem(item);
        if (i >= 0 && i < static_cast<int>(priors_.size()))
            emit priorActivated(priors_[static_cast<std::size_t>(i)]);
    });
}

void PriorsList::setPriors(std::vector<StudyRow> priors) {
    priors_ = std::move(priors);
    clear();
    for (const StudyRow& p : priors_) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, QString::fromStdString(OverlayText::formatDate(p.study_date)));
        item->setText(1, QString::fromStdString(p.modality));
        item->setText(2, QString::fromStdString(p.study_description));
        item->setToolTip(2, QString::fromStdString(p.study_description));
    }
    resizeColumnToContents(0);
    resizeColumnToContents(1);
    retranslate();
}

void PriorsList::markOpen(const std::string& study_uid) {
    for (int i = 0; i < topLevelItemCount() && i < static_cast<int>(priors_.size()); ++i) {
        QTreeWidgetItem* item = topLevelItem(i);
        QFont font = item->font(0);
        font.setBold(priors_[static_cast<std::size_t>(i)].study_uid == study_uid);
        for (int c = 0; c < 3; ++c) item->setFont(c, font);
    }
}

void PriorsList::retranslate() {
    setHeaderLabels({text_(UiText::ColDate), text_(UiText::ColModality),
                     text_(UiText::ColDescription)});
    setToolTip(text_(UiText::OpenPrior));
}

}  // namespace countyread::viewer
