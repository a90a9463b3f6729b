// SPDX-License-Identifier: GPL-3.0-or-later
#include "FoldingSection.h"

#include <QToolButton>
#include <QVBoxLayout>

FoldingSection::FoldingSection(const QString &title, QWidget *content, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_header(new QToolButton(this))
    , m_content(content)
{
    m_header->setCheckable(true);
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont font = m_header->font();
    font.setBold(true);
    m_header->setFont(font);
    m_header->setAccessibleName(title);
    content->setParent(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(content);
    connect(m_header, &QToolButton::toggled, this, [this](bool expanded) {
        m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        m_content->setVisible(expanded);
        Q_EMIT expandedChanged(expanded);
    });
    m_header->setChecked(true);
    m_header->setArrowType(Qt::DownArrow);
    updateTitle();
}

void FoldingSection::setExpanded(bool expanded)
{
    m_header->setChecked(expanded);
}

bool FoldingSection::isExpanded() const
{
    return m_header->isChecked();
}

void FoldingSection::setProblemCount(int count)
{
    if (count == m_problems)
        return;
    m_problems = count;
    updateTitle();
}

void FoldingSection::updateTitle()
{
    m_header->setText(m_problems == 0 ? m_title
                                      : tr("%1 · %n problem(s)", nullptr, m_problems).arg(m_title));
}
