#include "viewer/ui/SeriesStrip.h"

#include <QIcon>
#include <QImage>
#include <QPainter>
#include <QPixmap>

namespace countyread::viewer {

namespace {
constexpr int kIconSide = 96;
}

SeriesStrip::SeriesStrip(const UiText& text, QWidget* parent) : QListWidget(parent), text_(text) {
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setIconSize(QSize(kIconSide, kIconSide));
    setSpacing(4);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        emit seriesActivated(item->data(Qt::UserRole).toString().toStdString());
    });
}

void SeriesStrip::setSeries(const std::vector<SeriesThumbnail>& series) {
    clear();
    for (const auto& s : series) {
        QString rest = QStringLiteral(" %1 (%2)").arg(s.series_number).arg(s.instances);
        if (!s.description.empty())
            rest += QStringLiteral("\n") + QString::fromStdString(s.description);
        const QString label = text_(UiText::Series) + rest;
        auto* item = new QListWidgetItem(label, this);
        item->setData(Qt::UserRole + 2, rest);
        item->setData(Qt::UserRole, QString::fromStdString(s.series_uid));
        item->setData(Qt::UserRole + 1, false);
        QPixmap empty(kIconSide, kIconSide);
        empty.fill(Qt::black);
        item->setIcon(QIcon(empty));
        item->setToolTip(label);
    }
}

QListWidgetItem* SeriesStrip::itemFor(const std::string& uid) const {
    for (int i = 0; i < count(); ++i) {
        if (item(i)->data(Qt::UserRole).toString().toStdString() == uid) return item(i);
    }
    return nullptr;
}

void SeriesStrip::setThumbnail(const SeriesThumbnail& t) {
    QListWidgetItem* entry = itemFor(t.series_uid);
    if (!entry || t.image.empty()) return;
    const QImage grey(t.image.pixels.data(), t.image.width, t.image.height, t.image.width,
                      QImage::Format_Grayscale8);
    QPixmap canvas(kIconSide, kIconSide);
    canvas.fill(Qt::black);
    QPixmap picture = QPixmap::fromImage(grey.copy());
    {
        QPainter painter(&canvas);
        painter.drawPixmap((kIconSide - picture.width()) / 2, (kIconSide - picture.height()) / 2,
                           picture);
    }
    entry->setIcon(QIcon(canvas));
    entry->setData(Qt::UserRole + 1, true);
}

void SeriesStrip::markCurrent(const std::string& uid) {
    if (QListWidgetItem* entry = itemFor(uid)) {
        const QSignalBlocker block(this);
        setCurrentItem(entry);
    }
}

bool SeriesStrip::hasThumbnail(const std::string& uid) const {
    QListWidgetItem* entry = itemFor(uid);
    return entry && entry->data(Qt::UserRole + 1).toBool();
}

void SeriesStrip::retranslate() {
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem* it = item(i);
        const QString label = text_(UiText::Series) + it->data(Qt::UserRole + 2).toString();
        it->setText(label);
        it->setToolTip(label);
    }
}

}  // namespace countyread::viewer
