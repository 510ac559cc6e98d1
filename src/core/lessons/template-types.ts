/** The lesson types a view needs, in one place. */
export type { Lesson, LessonQuestion, LessonStep, LessonTask } from './schema';
export type { TemplateContext, TextPiece } from './template';
