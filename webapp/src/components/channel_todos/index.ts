export {default} from './channel_todos';
