export {default, todoActionsCss} from './todo_actions';
export type {TodoAction} from './todo_actions';
