// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentFormSection.h"
#include "Theme.h"

#include "FieldMessage.h"

#include <QAbstractSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AgentFormSection::AgentFormSection(QWidget *parent)
    : QWidget(parent)
{
}

QFormLayout *AgentFormSection::newForm()
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setContentsMargins(16, 2, 2, 8);
    return form;
}

void AgentFormSection::addRow(QFormLayout *form, const QString &label, QWidget *editor,
                              const QString &field, const QString &hint)
{
    auto *box = new QWidget(this);
    // The row takes the form's whole width so the hint reads on one line; a spin box keeps its
    // own width at the left.
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    const bool compact = qobject_cast<QAbstractSpinBox *>(editor) != nullptr;
    layout->addWidget(editor, 0, compact ? Qt::AlignLeft : Qt::Alignment());
    if (!hint.isEmpty()) {
        auto *hintLabel = new QLabel(hint, box);
        hintLabel->setWordWrap(true);
        hintLabel->setObjectName(u"fieldHint"_s);
        QFont small = hintLabel->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        hintLabel->setFont(small);
        Theme::setTextRole(hintLabel, Theme::Role::Hint);
        layout->addWidget(hintLabel);
    }
    auto *message = new FieldMessage(box);
    layout->addWidget(message);
    QString plain = label;
    plain.remove(u'&');
    editor->setAccessibleName(plain);
    form->addRow(label, box);
    m_messages.insert(field, {message, plain});
}

int AgentFormSection::showProblems(const QJsonObject &problems, bool show)
{
    int count = 0;
    for (auto it = m_messages.begin(); it != m_messages.end(); ++it) {
        QString problem;
        QString field = it.key();
        if (field.endsWith(u'*')) {
            field.chop(1);
            for (auto p = problems.constBegin(); p != problems.constEnd(); ++p) {
                if (p.key().startsWith(field)) {
                    // The API's name of the item at fault, then its rule.
                    problem = p.key() == field ? p.value().toString()
                                               : p.key() + u' ' + p.value().toString();
                    break;
                }
            }
        } else {
            for (const QString &name : field.split(u'|')) {
                problem = problems.value(name).toString();
                if (!problem.isEmpty())
                    break;
            }
        }
        count += problem.isEmpty() ? 0 : 1;
        it->line->setProblem(show && !problem.isEmpty() ? it->label + u' ' + problem : QString());
    }
    return count;
}

QString AgentFormSection::problemOf(const QString &field) const
{
    for (auto it = m_messages.constBegin(); it != m_messages.constEnd(); ++it) {
        const QString own = it.key();
        if (own.split(u'|').contains(field) ||
            (own.endsWith(u'*') && field.startsWith(own.chopped(1))))
            return it->line->text();
    }
    return {};
}
