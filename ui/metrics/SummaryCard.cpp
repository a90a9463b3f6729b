// SPDX-License-Identifier: GPL-3.0-or-later
#include "SummaryCard.h"

#include "Theme.h"

#include <QLabel>
#include <QVBoxLayout>

SummaryCard::SummaryCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_value(new QLabel(this))
    , m_detail(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(title);
    auto *heading = new QLabel(title, this);
    Theme::setTextRole(heading, Theme::Role::Hint); // quieter, yet readable light or dark
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_value->setFont(big);
    m_detail->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch();
}

void SummaryCard::setFigures(const QString &value, const QString &detail)
{
    m_value->setText(value);
    m_detail->setText(detail);
    setAccessibleDescription(value + QLatin1Char(' ') + detail);
}

QString SummaryCard::value() const
{
    return m_value->text();
}
