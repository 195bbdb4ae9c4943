export {default} from './sorted_todos';
