export {default, ActionsHeldBack, holdActionsBack, todoActionsCss} from './todo_actions';
export type {TodoAction} from './todo_actions';
